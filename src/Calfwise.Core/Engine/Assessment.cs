using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Engine;

/// <summary>Everything Calfwise says about one case.</summary>
public sealed record Assessment(
    TriageResult Triage,
    IReadOnlyList<FiredRedFlag> RedFlags,
    IReadOnlyList<ConditionResult> Differential,
    IReadOnlyList<LabResult> Labs,
    IronAssessment Iron,
    RlsCriteriaResult Criteria,
    IrlsResult? Irls,
    IReadOnlyList<AppliedRecommendation> Recommendations,
    IReadOnlyList<string> Warnings,
    string Disclaimer);

/// <summary>How soon to seek care, and why.</summary>
public sealed record TriageResult(TriageLevel Level, string Advice, IReadOnlyList<string> Reasons);

/// <summary>A red flag that fired; <see cref="NotRuledOut"/> names the "I don't know" answers it fired on, if any.</summary>
public sealed record FiredRedFlag(string Id, TriageLevel Level, string Text, IReadOnlyList<string> Sources)
{
    /// <summary>Findings answered "I don't know" that leave this flag unable to be ruled out (empty when it fired plainly).</summary>
    public IReadOnlyList<string> NotRuledOut { get; init; } = [];

    /// <summary>The condition this flag warns of, if the knowledge names one.</summary>
    public string? ConditionId { get; init; }
}

/// <summary>What moved a condition's probability, and by how much.</summary>
public enum EvidenceKind
{
    Finding,
    Lab,
    Medication,
}

/// <summary>One piece of evidence with its likelihood ratio (above 1 raises, below 1 lowers).</summary>
public sealed record EvidenceItem(EvidenceKind Kind, string Id, string Label, double LikelihoodRatio, string Source, EvidenceGrade Grade);

public sealed record ConditionResult(
    string Id,
    string Name,
    string Summary,
    double Prior,
    double Probability,
    TriageLevel Triage,
    IReadOnlyList<EvidenceItem> Evidence);

/// <summary>A lab value read in its canonical unit against the range for this person.</summary>
public sealed record LabResult(
    string Analyte,
    string Name,
    string Loinc,
    decimal Value,
    string Unit,
    decimal CanonicalValue,
    string CanonicalUnit,
    LabStatus Status,
    decimal? Low,
    decimal? High,
    string? RangeSource,
    bool Derived,
    string? Note);

/// <summary>The iron treatment algorithm's outcome, with the thresholds it used.</summary>
public sealed record IronAssessment(IronPlan Plan, string Explanation, bool? Inflammation, bool? Anemia, bool? SevereAnemia, IReadOnlyList<string> Sources)
{
    /// <summary>The thresholds the plan was decided on, so a value can be labelled against the one used for this person.</summary>
    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];
}

/// <summary>met, not-met or unknown.</summary>
public enum CriterionStatus
{
    Met,
    NotMet,
    Unknown,
}

public sealed record CriterionResult(int Number, string Text, CriterionStatus Status, string? Note);

/// <summary>The IRLSSG 2014 criteria: all five must be met.</summary>
public sealed record RlsCriteriaResult(CriterionStatus Status, IReadOnlyList<CriterionResult> Criteria, string Source)
{
    /// <summary>Whether restless legs are in question (a criterion met, or restless legs at least possible): outputs show the criteria only then.</summary>
    public bool Relevant { get; init; }
}

/// <summary>The IRLS severity total and band; the item wording is licensed and not reproduced.</summary>
public sealed record IrlsResult(int Total, int Max, string Band, string Source, string LicenceNote);

public sealed record SourceReference(string Id, string Citation, string Url, EvidenceGrade Grade);

public sealed record AppliedRecommendation(string Id, RecommendationKind Kind, string Title, string Text, IReadOnlyList<SourceReference> Sources);

public static class CriterionStatusIds
{
    public static string ToId(this CriterionStatus status) => status switch
    {
        CriterionStatus.Met => "met",
        CriterionStatus.NotMet => "not-met",
        CriterionStatus.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
