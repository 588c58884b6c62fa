using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Timeouts;

namespace Calfwise.Web.Setup;

/// <summary>
/// What an ordinary deployment needs (docs/web.md): no <c>Server</c> header, HSTS when served over HTTPS, forwarded
/// headers from the proxies named in <c>ForwardedHeaders:KnownProxies</c> only, a timeout on every request
/// (<c>Limits:RequestTimeoutSeconds</c>, default 30) and nothing personal kept in a cache.
/// </summary>
public static class Deployment
{
    public const int DefaultRequestTimeoutSeconds = 30;

    public static void AddCalfwiseDeployment(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        builder.Services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Limits:RequestTimeoutSeconds", DefaultRequestTimeoutSeconds)),
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        });
        var proxies = KnownProxies(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
    }

    /// <summary>Forwarded headers first (only from known proxies), HSTS outside development.</summary>
    public static void UseCalfwiseDeploymentFirst(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (KnownProxies(app.Configuration).Count > 0)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
    }

    private static List<IPAddress> KnownProxies(IConfiguration configuration) =>
        (configuration["ForwardedHeaders:KnownProxies"] ?? "")
            .Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(text => IPAddress.TryParse(text, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{text}' is not an IP address; give a comma-separated list such as 127.0.0.1,::1"))
            .ToList();
}
