using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Calfwise.Web.Setup;

/// <summary>
/// Per-client limits of so many requests a minute: counted in Redis when <c>Redis:Configuration</c> is set, so every
/// instance behind a proxy counts the same requests; in memory (one instance's count) otherwise.
/// </summary>
public static class SharedRateLimits
{
    public static RateLimitPartition<string> PerMinute(HttpContext context, string key, int permits)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetService<IConnectionMultiplexer>() is { } redis
            ? RedisRateLimitPartition.GetFixedWindowRateLimiter(key, _ => new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
            })
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
    }
}
