using StackExchange.Redis;

namespace Calfwise.Web.Areas.Identity;

/// <summary>
/// The log-in delay of <see cref="LoginThrottle"/>, counted in Redis so that every instance of the app behind a proxy
/// sees the same failures: one atomic script per attempt, a key per address that expires
/// <see cref="LoginThrottle.ForgetAfter"/> after the last attempt.
/// </summary>
public sealed class RedisLoginThrottle(IConnectionMultiplexer redis, TimeProvider clock) : ILoginThrottle
{
    // KEYS[1] the address's key; ARGV: now (ms), free failures, the longest delay (s), the key's lifetime (ms).
    // Returns 0 when the attempt may go ahead (it is counted), else the milliseconds still to wait.
    private const string AttemptScript = """
        local now = tonumber(ARGV[1])
        local notBefore = tonumber(redis.call('HGET', KEYS[1], 'notBefore') or '0')
        if notBefore > now then return notBefore - now end
        local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0') + 1
        local delay = 0
        if failures > tonumber(ARGV[2]) then delay = math.min(2 ^ (failures - tonumber(ARGV[2])), tonumber(ARGV[3])) * 1000 end
        redis.call('HSET', KEYS[1], 'failures', failures, 'notBefore', now + delay)
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 0
        """;

    public TimeSpan Attempt(string email)
    {
        var wait = (long)redis.GetDatabase().ScriptEvaluate(
            AttemptScript,
            [Key(email)],
            [clock.GetUtcNow().ToUnixTimeMilliseconds(), LoginThrottle.FreeFailures, LoginThrottle.MaxDelay.TotalSeconds, (long)LoginThrottle.ForgetAfter.TotalMilliseconds]);
        return TimeSpan.FromMilliseconds(wait);
    }

    public TimeSpan Wait(string email)
    {
        var notBefore = (long?)redis.GetDatabase().HashGet(Key(email), "notBefore") ?? 0;
        var wait = notBefore - clock.GetUtcNow().ToUnixTimeMilliseconds();
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : TimeSpan.Zero;
    }

    public void Succeeded(string email) => redis.GetDatabase().KeyDelete(Key(email));

    private static RedisKey Key(string email) => "calfwise:login:" + LoginThrottle.Key(email);
}
