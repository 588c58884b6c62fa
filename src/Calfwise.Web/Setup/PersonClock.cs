using Calfwise.Core.Diary;
using Calfwise.Data;

namespace Calfwise.Web.Setup;

/// <summary>
/// "Now" for a signed-in person: the injected clock's instant in their time zone (from their browser, kept with their
/// account; UTC until they give one), so "today" is their date and not the server's.
/// </summary>
public sealed class PersonClock(DiaryStore diary, TimeProvider clock)
{
    /// <summary>The zone an IANA id names (for example Pacific/Auckland), or null when it names none.</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > CalfwiseUser.MaxTimeZoneLength)
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>Now for the person; a valid zone posted by their browser is used and remembered, anything else is ignored.</summary>
    public async Task<PersonalNow> NowAsync(string userId, string? postedZone, CancellationToken ct)
    {
        if (FindZone(postedZone) is { } posted)
        {
            await diary.SetTimeZoneAsync(userId, posted.Id, ct).ConfigureAwait(false);
            return new PersonalNow(clock.GetUtcNow(), posted);
        }

        var stored = FindZone(await diary.TimeZoneAsync(userId, ct).ConfigureAwait(false));
        return new PersonalNow(clock.GetUtcNow(), stored ?? TimeZoneInfo.Utc);
    }
}
