using Calfwise.Core.Diary;

namespace Calfwise.Web.Api;

/// <summary>A diary episode as the API reads and writes it; stored through the diary store, never directly.</summary>
/// <remarks>Every field but <see cref="Id"/> is required in a request: a missing one is a 400, never a default.</remarks>
public sealed record EpisodeDto(
    DateTimeOffset Start,
    int DurationMinutes,
    Leg Leg,
    string Location,
    EpisodeKind Kind,
    int Intensity,
    bool AtRest,
    Guid? Id = null)
{
    public DiaryEpisode ToEpisode() => new(Id ?? Guid.Empty, Start, DurationMinutes, Leg, Location?.Trim() ?? "", Kind, Intensity, AtRest);

    public static EpisodeDto From(DiaryEpisode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return new(episode.Start, episode.DurationMinutes, episode.Leg, episode.Location, episode.Kind, episode.Intensity, episode.AtRest, episode.Id);
    }
}

/// <summary>A day's factors as the API reads and writes them.</summary>
/// <remarks>Every factor is optional; the date comes from the address.</remarks>
public sealed record DayDto(
    DateOnly? Date = null,
    int? CaffeineCups = null,
    decimal? AlcoholUnits = null,
    decimal? SleepHours = null,
    int? Stress = null,
    int? ExerciseMinutes = null,
    decimal? FluidsLitres = null,
    bool? IronTaken = null)
{
    public DailyFactors ToFactors(DateOnly date) => new(date, CaffeineCups, AlcoholUnits, SleepHours, Stress, ExerciseMinutes, FluidsLitres, IronTaken);

    public static DayDto From(DailyFactors day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return new(day.Date, day.CaffeineCups, day.AlcoholUnits, day.SleepHours, day.Stress, day.ExerciseMinutes, day.FluidsLitres, day.IronTaken);
    }
}
