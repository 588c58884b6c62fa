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

    /// <summary>
    /// Checks the fields a person typed; the clock is passed in so that a future time can be refused (<see cref="DiaryTime"/>).
    /// Each error names its field for the API, and its message is a plain sentence a person can read without the field.
    /// </summary>
    public IReadOnlyList<InputError> Validate(DateTimeOffset now)
    {
        var errors = new List<InputError>();
        if (DiaryTime.IsInFuture(Start, now))
        {
            errors.Add(new("start", DiaryTime.StartInFutureMessage));
        }

        if (DurationMinutes is < 0 or > MaxDurationMinutes)
        {
            errors.Add(new("durationMinutes", $"How long it lasted must be from 0 to {MaxDurationMinutes} minutes (a whole day), not {DurationMinutes}."));
        }

        if (Intensity is < 0 or > MaxIntensity)
        {
            errors.Add(new("intensity", $"The intensity must be from 0 to {MaxIntensity}, not {Intensity}."));
        }

        if (!Enum.IsDefined(Leg))
        {
            errors.Add(new("leg", "Please choose the left leg, the right leg or both."));
        }

        if (!Enum.IsDefined(Kind))
        {
            errors.Add(new("kind", "Please choose what it felt like: a twitch, an urge to move or a cramp."));
        }

        if (Location is not null && Location.Any(char.IsControl))
        {
            errors.Add(new("location", "Where it was must be plain text on one line."));
        }

        if (string.IsNullOrWhiteSpace(Location) || Location.Length > MaxLocationLength)
        {
            errors.Add(new("location", $"Please say where in the leg it was (for example calf, shin or foot), in at most {MaxLocationLength} characters."));
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
            errors.Add(new("date", DiaryTime.DayInFutureMessage));
        }

        if (CaffeineCups is < 0 or > 50)
        {
            errors.Add(new("caffeineCups", "Caffeinated drinks must be from 0 to 50 cups."));
        }

        if (AlcoholUnits is < 0 or > 100)
        {
            errors.Add(new("alcoholUnits", "Alcohol must be from 0 to 100 units."));
        }

        if (SleepHours is < 0 or > 24)
        {
            errors.Add(new("sleepHours", "Sleep must be from 0 to 24 hours."));
        }

        if (Stress is < 0 or > 10)
        {
            errors.Add(new("stress", "Stress must be from 0 to 10."));
        }

        if (ExerciseMinutes is < 0 or > 1440)
        {
            errors.Add(new("exerciseMinutes", "Exercise must be from 0 to 1440 minutes (a whole day)."));
        }

        if (FluidsLitres is < 0 or > 20)
        {
            errors.Add(new("fluidsLitres", "Fluids must be from 0 to 20 litres."));
        }

        return errors;
    }
}
