using Calfwise.Core.Cases;

namespace Calfwise.Core.Diary;

/// <summary>What an episode felt like.</summary>
public enum EpisodeKind
{
    Twitch,
    UrgeToMove,
    Cramp,
}

/// <summary>Which leg an episode was in.</summary>
public enum Leg
{
    Left,
    Right,
    Both,
}

/// <summary>One logged episode; <see cref="Start"/> keeps the person's local offset, so hours of day are theirs.</summary>
public sealed record DiaryEpisode(
    Guid Id,
    DateTimeOffset Start,
    int DurationMinutes,
    Leg Leg,
    string Location,
    EpisodeKind Kind,
    int Intensity,
    bool AtRest)
{
    public const int MaxIntensity = 10;
    public const int MaxDurationMinutes = 24 * 60;
    public const int MaxLocationLength = 60;

    /// <summary>Checks the fields a person typed; the clock is passed in so that a future time can be refused (<see cref="DiaryTime"/>).</summary>
    public IReadOnlyList<InputError> Validate(DateTimeOffset now)
    {
        var errors = new List<InputError>();
        if (DiaryTime.IsInFuture(Start, now))
        {
            errors.Add(new("start", DiaryTime.InFutureMessage));
        }

        if (DurationMinutes is < 0 or > MaxDurationMinutes)
        {
            errors.Add(new("durationMinutes", $"must be from 0 to {MaxDurationMinutes} minutes, not {DurationMinutes}"));
        }

        if (Intensity is < 0 or > MaxIntensity)
        {
            errors.Add(new("intensity", $"must be from 0 to {MaxIntensity}, not {Intensity}"));
        }

        if (!Enum.IsDefined(Leg))
        {
            errors.Add(new("leg", "must be left, right or both"));
        }

        if (!Enum.IsDefined(Kind))
        {
            errors.Add(new("kind", "must be twitch, urge-to-move or cramp"));
        }

        if (Location is not null && Location.Any(char.IsControl))
        {
            errors.Add(new("location", "must be plain text on one line"));
        }

        if (string.IsNullOrWhiteSpace(Location) || Location.Length > MaxLocationLength)
        {
            errors.Add(new("location", $"is required, at most {MaxLocationLength} characters (for example calf, shin, foot)"));
        }

        return errors;
    }
}

/// <summary>The day's factors; each is optional.</summary>
public sealed record DailyFactors(
    DateOnly Date,
    int? CaffeineCups,
    decimal? AlcoholUnits,
    decimal? SleepHours,
    int? Stress,
    int? ExerciseMinutes,
    decimal? FluidsLitres,
    bool? IronTaken)
{
    /// <summary>Checks the factors; <paramref name="today"/> is the person's local date (<see cref="PersonalNow.Today"/>).</summary>
    public IReadOnlyList<InputError> Validate(DateOnly today)
    {
        var errors = new List<InputError>();
        if (DiaryTime.IsInFuture(Date, today))
        {
            errors.Add(new("date", DiaryTime.InFutureMessage));
        }

        if (CaffeineCups is < 0 or > 50)
        {
            errors.Add(new("caffeineCups", "must be from 0 to 50"));
        }

        if (AlcoholUnits is < 0 or > 100)
        {
            errors.Add(new("alcoholUnits", "must be from 0 to 100"));
        }

        if (SleepHours is < 0 or > 24)
        {
            errors.Add(new("sleepHours", "must be from 0 to 24"));
        }

        if (Stress is < 0 or > 10)
        {
            errors.Add(new("stress", "must be from 0 to 10"));
        }

        if (ExerciseMinutes is < 0 or > 1440)
        {
            errors.Add(new("exerciseMinutes", "must be from 0 to 1440"));
        }

        if (FluidsLitres is < 0 or > 20)
        {
            errors.Add(new("fluidsLitres", "must be from 0 to 20"));
        }

        return errors;
    }
}
