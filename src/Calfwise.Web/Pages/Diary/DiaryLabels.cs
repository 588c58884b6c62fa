using System.Globalization;
using Calfwise.Core.Diary;

namespace Calfwise.Web.Pages.Diary;

/// <summary>Diary entries in words a person reads: no ids, no enum names, dates as on a calendar.</summary>
public static class DiaryLabels
{
    /// <summary>An episode's start on the clock it was logged at, for example "Fri 20 Nov 2026, 22:00".</summary>
    public static string When(DateTimeOffset start) => start.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Kind(EpisodeKind kind) => kind switch
    {
        EpisodeKind.Twitch => "twitch",
        EpisodeKind.UrgeToMove => "urge to move",
        EpisodeKind.Cramp => "cramp",
        _ => "other",
    };

    /// <summary>Where an episode was, for example "left calf" or "both legs: calf".</summary>
    public static string Where(DiaryEpisode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return episode.Leg switch
        {
            Leg.Left => $"left {episode.Location}",
            Leg.Right => $"right {episode.Location}",
            _ => $"both legs: {episode.Location}",
        };
    }

    /// <summary>A day's factors in a line, for example "4 cups of caffeine, 5.5 hours of sleep, iron taken".</summary>
    public static string Factors(DailyFactors day)
    {
        ArgumentNullException.ThrowIfNull(day);
        static string N(IFormattable value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        var parts = new List<string>();
        Add(day.CaffeineCups, v => $"{N(v)} cups of caffeine");
        Add(day.AlcoholUnits, v => $"{N(v)} units of alcohol");
        Add(day.SleepHours, v => $"{N(v)} hours of sleep");
        Add(day.Stress, v => $"stress {N(v)} of 10");
        Add(day.ExerciseMinutes, v => $"{N(v)} minutes of exercise");
        Add(day.FluidsLitres, v => $"{N(v)} litres of fluids");
        if (day.IronTaken is { } iron)
        {
            parts.Add(iron ? "iron taken" : "no iron");
        }

        return parts.Count == 0 ? "nothing recorded" : string.Join(", ", parts);

        void Add<T>(T? value, Func<T, string> text)
            where T : struct, IFormattable => parts.AddRange(value is { } v ? [text(v)] : []);
    }
}
