namespace Calfwise.Web.Setup;

/// <summary>
/// Security headers on every response: a strict content security policy (no inline script), no framing, no sniffing,
/// and <c>Cache-Control: no-store</c> on everything but static files.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    // The API reference page (Scalar) loads its own script and styles from this app; everything else is same-origin.
    private const string Policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ScalarPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; " +
        "font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase) ? ScalarPolicy : Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (!context.Request.Path.HasValue || !Path.HasExtension(context.Request.Path.Value))
        {
            // Pages and API answers hold health information (even the anonymous results): never kept in a cache.
            headers.CacheControl = "no-store";
        }

        return next(context);
    }
}
