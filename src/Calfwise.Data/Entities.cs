using Microsoft.AspNetCore.Identity;

namespace Calfwise.Data;

/// <summary>An account. Everything else stored belongs to exactly one user and is deleted with them.</summary>
public sealed class CalfwiseUser : IdentityUser
{
}

/// <summary>An assessment a signed-in person chose to keep: the case as entered, and a summary for lists.</summary>
public sealed class SavedAssessment
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CaseJson { get; set; }

    public required string TriageLevel { get; set; }

    public required string TopCondition { get; set; }
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
