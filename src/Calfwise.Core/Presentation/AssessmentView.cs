using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Presentation;

/// <summary>
/// An assessment as a person or their doctor reads it: what to show, in which order, with which citations. Built
/// once by <see cref="AssessmentPresenter"/>; the terminal, the web page and the PDF only lay it out.
/// </summary>
public sealed record AssessmentView(
    TriageView Triage,
    IReadOnlyList<RedFlagView> RedFlags,
    DifferentialView Differential,
    CriteriaView? Criteria,
    IrlsResult? Irls,
    IReadOnlyList<LabResult> Labs,
    IronView Iron,
    IReadOnlyList<PlanStep> Plan,
    IReadOnlyList<NumberedSource> References,
    IReadOnlyList<string> Warnings,
    string Disclaimer)
{
    /// <summary>The first layer in plain words (null in views saved before it existed).</summary>
    public PlainView? Plain { get; init; }

    /// <summary>Labs read against the threshold the decision used for this person, and the citation of each range.</summary>
    public IReadOnlyList<LabReading> LabReadings { get; init; } = [];

    /// <summary>The fired red flags grouped by level, highest first, each group with its heading.</summary>
    public IReadOnlyList<RedFlagGroup> RedFlagGroups => RedFlags
        .GroupBy(f => f.Level)
        .OrderByDescending(g => g.Key)
        .Select(g => new RedFlagGroup(g.Key, AssessmentPresenter.RedFlagHeading(g.Key), g.ToList()))
        .ToList();
}

/// <summary>
/// The results in plain words, above the details: the advice (with the local numbers), what it probably is, what to
/// do (a few short steps) and what would change the advice.
/// </summary>
public sealed record PlainView(
    string Advice,
    IReadOnlyList<PlainCause> ProbablyIs,
    IReadOnlyList<string> ToDo,
    IReadOnlyList<string> WouldChange,
    string CallEmergency);

/// <summary>A cause in plain words: its name, its chance in words ("likely") and what it is.</summary>
public sealed record PlainCause(string Id, string Name, string Band, string Percent, string Text);

/// <summary>Red flags of one level under a heading in the words of that level.</summary>
public sealed record RedFlagGroup(TriageLevel Level, string Heading, IReadOnlyList<RedFlagView> Flags);

/// <summary>
/// How a lab reads for this person: <see cref="Decision"/> is the reading against the threshold the plan used ("low for
/// restless legs (at or below 75 µg/L)"), null when only the general range applies; <see cref="Citation"/> numbers its range's source.
/// </summary>
public sealed record LabReading(string Analyte, string? Decision, int? Citation);
/// <summary>The disposition: level, its heading in plain words, the advice and the reasons.</summary>
public sealed record TriageView(TriageLevel Level, string Heading, string Advice, IReadOnlyList<string> Reasons);

/// <summary>A fired red flag with its citations (numbers into <see cref="AssessmentView.References"/>).</summary>
public sealed record RedFlagView(string Id, TriageLevel Level, string Text, IReadOnlyList<int> Citations);

/// <summary>The causes shown, in showing order, and how many more were considered and left out as unlikely.</summary>
/// <param name="Shown">The causes shown, in showing order.</param>
/// <param name="Hidden">How many more causes were considered and left out.</param>
/// <param name="HiddenBelow">The probability below which a cause not among the leading ones is left out.</param>
/// <param name="LedByRedFlags">Whether the causes of fired red flags lead, so the reader is told why the order differs.</param>
public sealed record DifferentialView(IReadOnlyList<ConditionView> Shown, int Hidden, double HiddenBelow, bool LedByRedFlags);

/// <summary>One cause: its chance as a number and in words, and the evidence that moved it (strongest first).</summary>
public sealed record ConditionView(
    string Id,
    string Name,
    string Summary,
    double Probability,
    string Percent,
    bool FromRedFlag,
    IReadOnlyList<EvidenceView> Evidence)
{
    /// <summary>The chance in words, from the probability bands ("likely"), never at odds with <see cref="Percent"/>.</summary>
    public string Band { get; init; } = "";

    /// <summary>The evidence named as what moved it most.</summary>
    public IReadOnlyList<EvidenceView> KeyEvidence => Evidence.Take(PresentationPolicy.KeyEvidence).ToList();
}

/// <summary>A piece of evidence, its weight (likelihood ratio) and its citation.</summary>
public sealed record EvidenceView(string Label, double LikelihoodRatio, string Weight, EvidenceGrade Grade, int Citation);

/// <summary>The restless legs criteria, shown only when restless legs are in question.</summary>
public sealed record CriteriaView(CriterionStatus Status, IReadOnlyList<CriterionResult> Criteria, int Citation);

/// <summary>What the iron results mean, with citations.</summary>
public sealed record IronView(IronPlan Plan, string Explanation, IReadOnlyList<int> Citations);

/// <summary>A numbered step of the plan with its citations.</summary>
public sealed record PlanStep(int Number, string Id, string Kind, string Title, string Text, IReadOnlyList<int> Citations);

/// <summary>A source as cited: its number, full citation, address and evidence grade.</summary>
public sealed record NumberedSource(int Number, string Id, string Citation, string Url, EvidenceGrade Grade);
