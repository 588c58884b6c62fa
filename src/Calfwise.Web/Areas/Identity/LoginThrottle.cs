namespace Calfwise.Web.Areas.Identity;

/// <summary>
/// A per-address progressive delay for logging in, instead of a lockout anyone could trigger: after
/// <see cref="FreeFailures"/> failed attempts for one email address, every further attempt is refused for a while,
/// doubling with each failure up to <see cref="MaxDelay"/>, so a guesser gets about one try a minute while the owner
/// waits at most a minute. Each attempt counts as a failure from the moment it starts until it succeeds, so attempts
/// sent in parallel cannot slip through together. Kept per address whether or not it has an account, so the answers
/// give nothing away; a success, or <see cref="ForgetAfter"/> without attempts, clears it. In memory: one
/// instance's count, lost on restart; <see cref="RedisLoginThrottle"/> shares the count between instances.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock) : ILoginThrottle
{
    public const int FreeFailures = 4;

    /// <summary>Addresses tracked at most; beyond it forgotten ones go first, then the oldest half, so memory stays bounded.</summary>
    public const int MaxTracked = 100_000;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();

    /// <summary>
    /// Starts an attempt: zero when it may go ahead (it is counted as a failure until <see cref="Succeeded"/>), or how
    /// long attempts for this address are still refused (this one is then not counted).
    /// </summary>
    public TimeSpan Attempt(string email)
    {
        var key = Key(email);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var failures = 0;
            if (_entries.TryGetValue(key, out var entry) && now - entry.LastAttempt <= ForgetAfter)
            {
                if (entry.NotBefore > now)
                {
                    return entry.NotBefore - now;
                }

                failures = entry.Failures;
            }

            if (_entries.Count >= MaxTracked)
            {
                Prune(now);
            }

            failures++;
            _entries[key] = new Entry(failures, now, now + Delay(failures));
            return TimeSpan.Zero;
        }
    }

    /// <summary>How long attempts for this address are still refused; zero when one may be made now.</summary>
    public TimeSpan Wait(string email)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            return _entries.TryGetValue(Key(email), out var entry) && entry.NotBefore > now ? entry.NotBefore - now : TimeSpan.Zero;
        }
    }

    public void Succeeded(string email)
    {
        lock (_gate)
        {
            _entries.Remove(Key(email));
        }
    }

    /// <summary>The wait after <paramref name="failures"/> failures in a row: none for the first few, then 2, 4, 8 ... 60 seconds.</summary>
    public static TimeSpan Delay(int failures) =>
        failures <= FreeFailures
            ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - FreeFailures), MaxDelay.TotalSeconds));

    /// <summary>The address as Identity looks it up (UpperInvariantLookupNormalizer), so one account is one count.</summary>
    internal static string Key(string email) => email.Normalize().ToUpperInvariant();

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastAttempt > ForgetAfter)
            {
                _entries.Remove(key);
            }
        }

        if (_entries.Count >= MaxTracked)
        {
            foreach (var (key, _) in _entries.OrderBy(e => e.Value.LastAttempt).Take(_entries.Count / 2).ToList())
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset LastAttempt, DateTimeOffset NotBefore);
}
