using System.Globalization;

namespace Calfwise.Core.Diary;

/// <summary>
/// The diary's patterns in plain words, each with what lies behind it (episodes and days), so that a link seen on a
/// few days is offered as possibly chance and never as a cause.
/// </summary>
public static class DiaryWording
{
    /// <summary>The share of urge-to-move episodes at rest and in the evening, with the episodes and days behind it.</summary>
    public static string RestAndEvening(int episodes, int days, double atRest, double evening) =>
        $"{Percent(atRest)} of your urge-to-move episodes came at rest, and {Percent(evening)} in the evening or at night " +
        $"(from {Count(episodes, "episode")} on {Count(days, "day")}).";

    /// <summary>A factor against the episodes: what was seen, on how many days, and how sure it is.</summary>
    public static string Association(FactorAssociation association)
    {
        ArgumentNullException.ThrowIfNull(association);
        var seen = association.Associated
            ? $"More episodes on days with {association.Label}: {Rate(association.EpisodesPerDayWith)} a day on {Count(association.DaysWith, "day")} with it, against {Rate(association.EpisodesPerDayWithout)} a day on {Count(association.DaysWithout, "day")} without."
            : $"No clear difference on days with {association.Label}: {Rate(association.EpisodesPerDayWith)} a day on {Count(association.DaysWith, "day")} with it, against {Rate(association.EpisodesPerDayWithout)} a day on {Count(association.DaysWithout, "day")} without.";
        var sure = (association.Associated, association.Steady) switch
        {
            (true, false) => $" With only {Count(association.Days, "day")} logged this may be coincidence: keep logging to see if it holds.",
            (true, true) => $" This has held over {Count(association.Days, "day")}, but it is a link, not proof that one causes the other.",
            (false, false) => $" Only {Count(association.Days, "day")} logged so far.",
            (false, true) => "",
        };
        return seen + sure;
    }

    /// <summary>How sure a pattern is, in a few words for a table or a chart.</summary>
    public static string Certainty(FactorAssociation association)
    {
        ArgumentNullException.ThrowIfNull(association);
        return association.Steady
            ? $"{Count(association.Days, "day")}: seen often enough to watch"
            : $"{Count(association.Days, "day")}: may be coincidence";
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    private static string Rate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);
}
