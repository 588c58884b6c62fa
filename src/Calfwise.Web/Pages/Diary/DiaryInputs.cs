using System.Globalization;
using Calfwise.Core.Cases;
using Calfwise.Core.Diary;

namespace Calfwise.Web.Pages.Diary;

/// <summary>The episode form as posted: text as typed, read into an episode at the person's wall clock in their zone.</summary>
public sealed class EpisodeInput
{
    public string? Date { get; set; }

    public string? Time { get; set; }

    public string? Duration { get; set; }

    public string? Kind { get; set; }

    public string? Leg { get; set; }

    public string? Location { get; set; }

    public string? Intensity { get; set; }

    public string? AtRest { get; set; }

    /// <summary>The browser's IANA time zone (a hidden field filled by script), or empty.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The episode, or the errors naming each field; checked with the same rules as the API.</summary>
    public (DiaryEpisode? Episode, IReadOnlyList<InputError> Errors) Read(PersonalNow now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var errors = new List<InputError>();
        var hasDate = DateOnly.TryParse(Date, CultureInfo.InvariantCulture, out var date);
        var hasTime = TimeOnly.TryParse(Time, CultureInfo.InvariantCulture, out var time);
        if (!hasDate || !hasTime)
        {
            errors.Add(new("date", "Please give the date and time of the episode."));
        }

        var duration = WholeNumber(Duration, "durationMinutes", "Please give how long it lasted in whole minutes.", errors);
        var intensity = WholeNumber(Intensity, "intensity", $"Please give the intensity as a whole number from 0 to {DiaryEpisode.MaxIntensity}.", errors);
        Leg? leg = Enum.TryParse<Leg>(Leg, ignoreCase: true, out var l) && Enum.IsDefined(l) ? l : null;
        EpisodeKind? kind = Enum.TryParse<EpisodeKind>(Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;
        if (leg is null)
        {
            errors.Add(new("leg", "Please choose which leg."));
        }

        if (kind is null)
        {
            errors.Add(new("kind", "Please choose what it felt like."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (DiaryTime.At(date, time, now.Zone) is not { } start)
        {
            errors.Add(new("time", $"{Time} did not happen on {Date} in {now.Zone.Id}: the clocks went forward; please check the time."));
            return (null, errors);
        }

        var episode = new DiaryEpisode(Guid.Empty, start, duration!.Value, leg!.Value, Location?.Trim() ?? "", kind!.Value, intensity!.Value, AtRest == "yes");
        errors.AddRange(episode.Validate(now.Instant));
        return (errors.Count == 0 ? episode : null, errors);
    }

    /// <summary>The form's values for an episode as stored, its time on the person's clock in <paramref name="zone"/>.</summary>
    public static EpisodeInput From(DiaryEpisode episode, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var local = TimeZoneInfo.ConvertTime(episode.Start, zone);
        return new EpisodeInput
        {
            Date = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Time = local.ToString("HH:mm", CultureInfo.InvariantCulture),
            Duration = episode.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            Kind = episode.Kind.ToString().ToLowerInvariant(),
            Leg = episode.Leg.ToString().ToLowerInvariant(),
            Location = episode.Location,
            Intensity = episode.Intensity.ToString(CultureInfo.InvariantCulture),
            AtRest = episode.AtRest ? "yes" : "no",
        };
    }

    /// <summary>A new episode's form: now on the person's clock, and the usual answers chosen.</summary>
    public static EpisodeInput New(PersonalNow now)
    {
        ArgumentNullException.ThrowIfNull(now);
        return new EpisodeInput
        {
            Date = now.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Time = now.Local.ToString("HH:mm", CultureInfo.InvariantCulture),
            Duration = "5",
            Kind = "twitch",
            Leg = "left",
            Location = "calf",
            Intensity = "3",
            AtRest = "yes",
        };
    }

    private static int? WholeNumber(string? text, string field, string message, List<InputError> errors)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new(field, message));
        return null;
    }
}

/// <summary>The day form as posted: every factor optional, numbers as typed (a comma or a point for decimals).</summary>
public sealed class DayInput
{
    public string? Day { get; set; }

    public string? Caffeine { get; set; }

    public string? Alcohol { get; set; }

    public string? Sleep { get; set; }

    public string? Stress { get; set; }

    public string? Exercise { get; set; }

    public string? Fluids { get; set; }

    public string? Iron { get; set; }

    /// <summary>The browser's IANA time zone (a hidden field filled by script), or empty.</summary>
    public string? TimeZone { get; set; }

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["caffeine"] = "Caffeinated drinks",
        ["alcohol"] = "Alcohol",
        ["sleep"] = "Sleep",
        ["stress"] = "Stress",
        ["exercise"] = "Exercise",
        ["fluids"] = "Fluids",
    };

    /// <summary>The form's values for a day already logged, so that it can be changed.</summary>
    public static DayInput From(DailyFactors day)
    {
        ArgumentNullException.ThrowIfNull(day);
        static string? Text(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture);
        return new DayInput
        {
            Day = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Caffeine = Text(day.CaffeineCups),
            Alcohol = Text(day.AlcoholUnits),
            Sleep = Text(day.SleepHours),
            Stress = Text(day.Stress),
            Exercise = Text(day.ExerciseMinutes),
            Fluids = Text(day.FluidsLitres),
            Iron = day.IronTaken switch { true => "yes", false => "no", null => "" },
        };
    }

    /// <summary>The day's factors, or the errors naming each field; a day after the person's today is refused.</summary>
    public (DailyFactors? Factors, IReadOnlyList<InputError> Errors) Read(PersonalNow now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var errors = new List<InputError>();
        if (!DateOnly.TryParse(Day, CultureInfo.InvariantCulture, out var date))
        {
            errors.Add(new("day", "Please give the date."));
        }

        int? Int(string? text, string name) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : NotANumber<int>(text, name);
        decimal? Dec(string? text, string name) => CaseState.TryParseDecimal(text, out var v) ? v : NotANumber<decimal>(text, name);
        T? NotANumber<T>(string? text, string name)
            where T : struct
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                errors.Add(new(name, $"{Labels[name]} must be a number, not '{text}'."));
            }

            return null;
        }

        var factors = new DailyFactors(
            date,
            Int(Caffeine, "caffeine"),
            Dec(Alcohol, "alcohol"),
            Dec(Sleep, "sleep"),
            Int(Stress, "stress"),
            Int(Exercise, "exercise"),
            Dec(Fluids, "fluids"),
            Iron switch { "yes" => true, "no" => false, _ => null });
        errors.AddRange(factors.Validate(now.Today));
        return (errors.Count == 0 ? factors : null, errors);
    }
}
