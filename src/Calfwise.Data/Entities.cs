using Microsoft.AspNetCore.Identity;

namespace Calfwise.Data;

/// <summary>An account. Everything else stored belongs to exactly one user and is deleted with them.</summary>
public sealed class CalfwiseUser : IdentityUser
{
    public const int MaxTimeZoneLength = 64;

    /// <summary>The person's IANA time zone (for example Pacific/Auckland), from their browser; null means UTC.</summary>
    /// <remarks>Their "today" and the hours of their diary are in this zone.</remarks>
    public string? TimeZone { get; set; }
}

/// <summary>
/// An assessment a signed-in person chose to keep: the case as entered, the inputs as assessed, the knowledge version that
/// assessed them and the result as the person saw it, so a report shows what was seen and says when the knowledge changed.
/// </summary>
/// <remarks>Rows saved before assessments were traceable have no version, inputs or result (null).</remarks>
public sealed class SavedAssessment
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CaseJson { get; set; }

    public required string TriageLevel { get; set; }

    public required string TopCondition { get; set; }

    /// <summary>The knowledge version ("k-" and 12 hex digits) that produced <see cref="ResultJson"/>.</summary>
    public string? KnowledgeVersion { get; set; }

    /// <summary>The case as assessed: <see cref="CaseJson"/> with the diary's patterns applied when the person saved it.</summary>
    public string? AssessedCaseJson { get; set; }

    /// <summary>The assessment as shown (the presentation view, see Calfwise.Data.SavedResults).</summary>
    public string? ResultJson { get; set; }
}

/// <summary>A diary episode row (see Calfwise.Core.Diary.DiaryEpisode).</summary>
public sealed class EpisodeRow
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset Start { get; set; }

    /// <summary>The person's UTC offset when they logged it, so the hour of day stays theirs.</summary>
    public int OffsetMinutes { get; set; }

    public int DurationMinutes { get; set; }

    public required string Leg { get; set; }

    public required string Location { get; set; }

    public required string Kind { get; set; }

    public int Intensity { get; set; }

    public bool AtRest { get; set; }
}

/// <summary>A day's factors row (see Calfwise.Core.Diary.DailyFactors); one per user and date.</summary>
public sealed class DailyFactorsRow
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public DateOnly Date { get; set; }

    public int? CaffeineCups { get; set; }

    public decimal? AlcoholUnits { get; set; }

    public decimal? SleepHours { get; set; }

    public int? Stress { get; set; }

    public int? ExerciseMinutes { get; set; }

    public decimal? FluidsLitres { get; set; }

    public bool? IronTaken { get; set; }
}
