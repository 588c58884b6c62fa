using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Calfwise.Web.Setup;

/// <summary>
/// Who a per-client rate limit counts: one IPv4 address, or one IPv6 /64 (the block a single home or phone is given,
/// so changing address inside it does not reset the count). Every refusal says when to try again.
/// </summary>
public static class ClientPartition
{
    /// <summary>The wait stated when a limiter gives none.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromMinutes(1);

    public static string Key(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Key(context.Connection.RemoteIpAddress);
    }

    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Adds <c>Retry-After</c> (whole seconds) to a 429 from the rate limiter.</summary>
    public static ValueTask RetryAfter(OnRejectedContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : DefaultRetryAfter;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }
}
