using System.Collections.Concurrent;

namespace Calfwise.Web.Areas.Identity;

/// <summary>
/// A per-address progressive delay for logging in, instead of a lockout anyone could trigger: after
/// <see cref="FreeFailures"/> wrong passphrases for one email address, every further attempt is refused for a while,
/// doubling with each failure up to <see cref="MaxDelay"/>, so a guesser gets about one try a minute while the owner
/// waits at most a minute. Kept per address whether or not it has an account, so the answers give nothing away; a
/// success, or <see cref="ForgetAfter"/> without failures, clears it. In memory: one instance's count, lost on restart.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int FreeFailures = 4;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    /// <summary>Addresses tracked at most; beyond it forgotten ones go first, then any, so memory stays bounded.</summary>
    public const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long attempts for this address are still refused; zero when one may be made now.</summary>
    public TimeSpan Wait(string email)
    {
        if (!_entries.TryGetValue(Key(email), out var entry))
        {
            return TimeSpan.Zero;
        }

        var left = entry.NotBefore - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Counts a wrong passphrase (or an unknown address) and sets the wait before the next attempt.</summary>
    public void Failed(string email)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count >= MaxTracked)
        {
            Prune(now);
        }

        _entries.AddOrUpdate(
            Key(email),
            _ => new Entry(1, now, now),
            (_, old) =>
            {
                var failures = now - old.LastFailure > ForgetAfter ? 1 : old.Failures + 1;
                return new Entry(failures, now, now + Delay(failures));
            });
    }

    public void Succeeded(string email) => _entries.TryRemove(Key(email), out _);

    /// <summary>The wait after <paramref name="failures"/> failures in a row: none for the first few, then 2, 4, 8 ... 60 seconds.</summary>
    public static TimeSpan Delay(int failures) =>
        failures <= FreeFailures
            ? TimeSpan.Zero
            : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - FreeFailures), MaxDelay.TotalSeconds));

    private static string Key(string email) => email.Trim().ToUpperInvariant();

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastFailure > ForgetAfter || _entries.Count >= MaxTracked)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset NotBefore);
}
