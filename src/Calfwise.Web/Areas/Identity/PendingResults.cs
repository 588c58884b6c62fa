using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Calfwise.Web.Areas.Identity;

/// <summary>
/// Keeps a case across the register or log-in round trip from the results page: the case JSON, compressed and
/// encrypted with the app's data protection, in a short-lived cookie sent only to the page that saves it. Nothing is
/// kept on the server, and a tampered, expired or oversized cookie is simply not read.
/// </summary>
public sealed class PendingResults(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "calfwise.pending";

    /// <summary>Where the case is taken back: the page that saves it and shows the results.</summary>
    public const string SavePath = "/Identity/Account/SaveResults";

    /// <summary>How long a case waits for the person to register or log in.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The largest cookie value kept: browsers drop cookies over 4096 bytes with their name and attributes.</summary>
    public const int MaxCookieLength = 3800;

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Calfwise.PendingResults.v1").ToTimeLimitedDataProtector();

    /// <summary>Keeps the case JSON; false when it is too large for a cookie (the caller then says so).</summary>
    public bool Keep(HttpResponse response, string caseJson)
    {
        ArgumentNullException.ThrowIfNull(response);
        var value = WebEncoders.Base64UrlEncode(_protector.Protect(Compress(caseJson), clock.GetUtcNow() + Lifetime));
        if (value.Length > MaxCookieLength)
        {
            return false;
        }

        response.Cookies.Append(CookieName, value, Options(response.HttpContext.Request, clock.GetUtcNow() + Lifetime));
        return true;
    }

    /// <summary>The kept case JSON, or null when there is none or it cannot be read; the cookie is removed either way.</summary>
    public string? Take(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies[CookieName] is not { Length: > 0 and <= MaxCookieLength } value)
        {
            return null;
        }

        context.Response.Cookies.Delete(CookieName, Options(context.Request, null));
        try
        {
            return Decompress(_protector.Unprotect(WebEncoders.Base64UrlDecode(value), out _));
        }
        catch (CryptographicException)
        {
            return null; // expired, tampered with, or from another key ring
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            return null;
        }
    }

    private static CookieOptions Options(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = SavePath,
        Expires = expires,
    };

    private static byte[] Compress(string text)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize))
        {
            brotli.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static string Decompress(byte[] bytes)
    {
        using var input = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
