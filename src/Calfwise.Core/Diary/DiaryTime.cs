namespace Calfwise.Core.Diary;

/// <summary>
/// The one rule for diary time, used by the pages and the API alike: an episode is an instant (kept with the offset the
/// person logged it at); a day is a date on the person's own calendar, in their time zone.
/// </summary>
public static class DiaryTime
{
    /// <summary>How far ahead of the server's clock an episode may start: device clocks drift, a few minutes is not the future.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The message for an episode that starts in the future, the same on the page and in the API.</summary>
    public const string StartInFutureMessage = "The start time can't be in the future.";

    /// <summary>The message for a diary day after the person's today, the same on the page and in the API.</summary>
    public const string DayInFutureMessage = "The date can't be in the future.";

    /// <summary>Whether an instant is in the future: later than now by more than <see cref="FutureTolerance"/>.</summary>
    public static bool IsInFuture(DateTimeOffset instant, DateTimeOffset now) => instant > now + FutureTolerance;

    /// <summary>Whether a day is in the future: after the person's local today.</summary>
    public static bool IsInFuture(DateOnly day, DateOnly today) => day > today;

    /// <summary>
    /// The instant a person means by a date and a wall-clock time in their zone, with that zone's offset; null when the
    /// clock skipped that time (the hour lost when daylight saving starts). A time that happened twice (the hour repeated
    /// when it ends) is read as the first.
    /// </summary>
    public static DateTimeOffset? At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}

/// <summary>A moment as one person sees it: the instant, and their time zone (UTC when they have not given one).</summary>
public sealed record PersonalNow(DateTimeOffset Instant, TimeZoneInfo Zone)
{
    /// <summary>The person's own wall clock now, with their zone's offset.</summary>
    public DateTimeOffset Local => TimeZoneInfo.ConvertTime(Instant, Zone);

    /// <summary>The person's local date: a diary day after it is in the future.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Local.DateTime);
}
