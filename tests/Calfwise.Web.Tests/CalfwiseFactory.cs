using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Calfwise.Web.Tests;

/// <summary>The web app in-process on a real SQLite file in a fresh temporary folder.</summary>
public sealed partial class CalfwiseFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("calfwise-web-").FullName;

    public string DatabasePath => Path.Combine(_folder, "calfwise.db");

    /// <summary>
    /// The app's clock: it starts at the real time (cookies are checked against the real clock by the client) and stands
    /// still unless a test moves it.
    /// </summary>
    public FakeTimeProvider Clock { get; }

    public CalfwiseFactory()
        : this(DateTimeOffset.UtcNow)
    {
    }

    /// <summary>An app whose clock starts at <paramref name="now"/> (a documented example fixed in time).</summary>
    internal CalfwiseFactory(DateTimeOffset now) => Clock = new(now);

    /// <summary>Extra settings, for example a PostgreSQL connection string.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:SqlitePath", DatabasePath);
        builder.UseSetting("RateLimits:ApiPermitsPerMinute", "100000");
        builder.UseSetting("RateLimits:LoginPermitsPerMinute", "1000");
        builder.UseSetting("RateLimits:PagePostsPerMinute", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.RemoveAll<TimeProvider>().AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A client with its own cookies, not following redirects so that tests see them.</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Registers a new account through the real form, then logs in with it; returns the signed-in client.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password = "correct horse battery")
    {
        var response = await PostFormAsync(Client(), "/Identity/Account/Register", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"registration failed: {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        }

        return await LoggedInClientAsync(email, password);
    }

    /// <summary>A new client (another browser) logged in to an existing account through the real form.</summary>
    public async Task<HttpClient> LoggedInClientAsync(string email, string password)
    {
        var client = Client();
        var response = await PostFormAsync(client, "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect
            ? client
            : throw new InvalidOperationException($"log-in failed: {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>GETs a page for its antiforgery token, then posts the form fields back to it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(client, page);
        return await client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    /// <summary>The antiforgery token of a page's form.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"no antiforgery token on {path}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temporary folder.
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
