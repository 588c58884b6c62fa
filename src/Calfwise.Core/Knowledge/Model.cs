namespace Calfwise.Core.Knowledge;

/// <summary>How strong the support for a number is.</summary>
public enum EvidenceGrade
{
    /// <summary>Clinical practice guideline or systematic review.</summary>
    A,
    /// <summary>Cohort, diagnostic-accuracy or population study.</summary>
    B,
    /// <summary>Expert consensus, narrative review, textbook, regulator notice.</summary>
    C,
    /// <summary>Project estimate judged from the sources because none is published.</summary>
    D,
}

/// <summary>Biological sex as used by reference ranges.</summary>
public enum Sex
{
    Female,
    Male,
}

/// <summary>Where a knowledge item was defined, for error messages and review.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>A guideline, paper or reference text.</summary>
public sealed record Source(string Id, string Citation, int Year, string Url, EvidenceGrade Grade, SourceLocation Location);

/// <summary>A symptom, sign, history item or trigger that a person answers yes or no to.</summary>
public sealed record Finding(string Id, string Label, string Question, string Category, string? Group, SourceLocation Location)
{
    /// <summary>Who the question is for (a man is never asked about periods); everyone by default.</summary>
    public FindingAudience Audience { get; init; } = FindingAudience.Everyone;

    /// <summary>
    /// When the question makes sense at all ("is the twitching spreading?" only for someone who twitches): it is asked
    /// unless the answers already given rule this out, reading every unanswered or "don't know" finding as yes.
    /// Null: always.
    /// </summary>
    public Rule? AskIf { get; init; }
}

/// <summary>The people a finding's question applies to; null filters mean "any". Ages in years, max exclusive.</summary>
public sealed record FindingAudience(Sex? Sex, decimal? MinAge, decimal? MaxAge)
{
    public static FindingAudience Everyone { get; } = new(null, null, null);

    public bool Includes(Sex sex, decimal age) =>
        (Sex is null || Sex == sex) && (MinAge is null || age >= MinAge) && (MaxAge is null || age < MaxAge);
}

/// <summary>A likelihood ratio for a finding answered yes (<see cref="Present"/>) or no (<see cref="Absent"/>).</summary>
public sealed record FindingEvidence(string FindingId, double? Present, double? Absent, string SourceId, EvidenceGrade Grade, string? Reason, SourceLocation Location);

/// <summary>Whether a lab band applies only with or without inflammation.</summary>
public enum InflammationFilter
{
    Any,
    Present,
    Absent,
}

/// <summary>A likelihood ratio for a lab value falling in [<see cref="From"/>, <see cref="Below"/>) in canonical units.</summary>
public sealed record LabEvidence(string AnalyteId, decimal? From, decimal? Below, double Lr, InflammationFilter Inflammation, string SourceId, EvidenceGrade Grade, string? Reason, SourceLocation Location)
{
    public bool Contains(decimal value) => (From is null || value >= From) && (Below is null || value < Below);
}

/// <summary>A condition of the differential.</summary>
public sealed record Condition(
    string Id,
    string Name,
    string Summary,
    double Prior,
    EvidenceGrade PriorGrade,
    string PriorSourceId,
    string? PriorReason,
    TriageLevel Triage,
    IReadOnlyList<FindingEvidence> Findings,
    IReadOnlyList<LabEvidence> Labs,
    SourceLocation Location)
{
    /// <summary>What it is in one or two short plain sentences (reading age 12), for the results' first layer.</summary>
    public string Plain { get; init; } = "";
}

/// <summary>A unit a lab may report an analyte in, with its exact factor to the canonical unit.</summary>
public sealed record LabUnit(string Code, decimal Multiply, decimal Divide)
{
    public decimal ToCanonical(decimal value) => value * Multiply / Divide;

    public decimal FromCanonical(decimal value) => value * Divide / Multiply;
}

/// <summary>A reference range row; null limits and filters mean "any".</summary>
public sealed record ReferenceRange(decimal? Low, decimal? High, Sex? Sex, decimal? MinAge, decimal? MaxAge, bool? Pregnant, int? Trimester, string SourceId, SourceLocation Location)
{
    /// <summary>Whether the row applies; a row for one trimester applies only when that trimester is known.</summary>
    public bool AppliesTo(Sex sex, decimal age, bool pregnant, int? trimester) =>
        (Sex is null || Sex == sex)
        && (MinAge is null || age >= MinAge)
        && (MaxAge is null || age < MaxAge)
        && (Pregnant is null || Pregnant == pregnant)
        && (Trimester is null || (pregnant && Trimester == trimester));

    /// <summary>How many filters the row sets; the most specific matching row wins.</summary>
    public int Specificity => (Sex is null ? 0 : 1) + (MinAge is null ? 0 : 1) + (MaxAge is null ? 0 : 1) + (Pregnant is null ? 0 : 2) + (Trimester is null ? 0 : 2);
}

/// <summary>
/// A critical limit of an analyte: a value beyond it is a red flag of its own (<see cref="Id"/>, <see cref="Level"/>),
/// whatever the symptoms. Limits at urgent or emergency level also make the value read "critical".
/// </summary>
public sealed record CriticalLimit(
    string Id,
    Comparison Comparison,
    decimal Value,
    TriageLevel Level,
    string Text,
    bool? Pregnant,
    string SourceId,
    SourceLocation Location)
{
    /// <summary>The condition of the differential this limit points to, shown first when it fires; null when none.</summary>
    public string? ConditionId { get; init; }

    public bool AppliesTo(bool pregnant) => Pregnant is null || Pregnant == pregnant;

    public bool IsCrossedBy(decimal value, bool pregnant) => AppliesTo(pregnant) && Comparison.Holds(value, Value);

    /// <summary>Whether crossing the limit makes the value read "critical" (urgent and emergency limits do).</summary>
    public bool MarksCritical => Level >= TriageLevel.Urgent;
}

/// <summary>A lab analyte.</summary>
public sealed record Analyte(
    string Id,
    string Name,
    string Loinc,
    LabUnit Canonical,
    IReadOnlyList<LabUnit> Units,
    decimal MinPossible,
    decimal MaxPossible,
    string BoundsSourceId,
    IReadOnlyList<ReferenceRange> Ranges,
    IReadOnlyList<CriticalLimit> Critical,
    IReadOnlyList<string> Aliases,
    SourceLocation Location)
{
    /// <summary>The canonical unit first, then the others.</summary>
    public IEnumerable<LabUnit> AllUnits => Units.Prepend(Canonical);
}

/// <summary>A named decision threshold in the analyte's canonical unit.</summary>
public sealed record Threshold(string Id, string AnalyteId, decimal Value, string SourceId, string? Note, SourceLocation Location)
{
    /// <summary>How a value on the decision's side of it reads to a person ("low for restless legs"); null when not shown.</summary>
    public string? Reads { get; init; }

    /// <summary>Which side of the value <see cref="Reads"/> applies to: below it (the default) or at most it.</summary>
    public Comparison ReadsWhen { get; init; } = Comparison.Below;
}

/// <summary>The effect of a medication class on a condition.</summary>
public sealed record MedicationEffect(string ConditionId, double Lr, string SourceId, EvidenceGrade Grade, SourceLocation Location);

/// <summary>A class of medications with its generic drug names.</summary>
public sealed record MedicationClass(string Id, string Name, IReadOnlyList<string> Drugs, IReadOnlyList<MedicationEffect> Effects, SourceLocation Location);

/// <summary>A red flag: when its rule holds, triage is at least its level.</summary>
public sealed record RedFlag(string Id, TriageLevel Level, string Text, IReadOnlyList<string> SourceIds, Rule When, SourceLocation Location)
{
    /// <summary>The condition of the differential this flag warns of, shown first when it fires; null when none.</summary>
    public string? ConditionId { get; init; }

    /// <summary>What to do and how soon, in plain words; when it is the highest flag, the banner says this.</summary>
    public string? Advice { get; init; }
}

/// <summary>A recommendation and when it applies.</summary>
public sealed record Recommendation(string Id, RecommendationKind Kind, string Title, string Text, IReadOnlyList<string> SourceIds, Rule When, SourceLocation Location)
{
    /// <summary>The step in one short plain sentence for the results' first layer; null keeps it to the details.</summary>
    public string? Plain { get; init; }
}

/// <summary>A named probability band rules can refer to ("possible", "likely").</summary>
public sealed record ProbabilityBand(string Id, double Probability, string SourceId, SourceLocation Location)
{
    /// <summary>How a chance in this band (up to the next) is said in words ("likely").</summary>
    public string Words { get; init; } = "";
}

/// <summary>What a triage level asks a person to do.</summary>
public sealed record TriageAdvice(TriageLevel Level, string Advice)
{
    /// <summary>The advice in plain words, with the local numbers as placeholders (<c>{emergency}</c>, <c>{urgent}</c>).</summary>
    public string Plain { get; init; } = "";

    /// <summary>What would change the advice, one short sentence each.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];
}

/// <summary>One IRLSSG 2014 criterion.</summary>
public sealed record IrlssgCriterion(int Number, string Text, string? FindingId, IReadOnlyList<RlsMimic> Mimics);

/// <summary>A finding that may mimic restless legs, and the condition that would explain it.</summary>
public sealed record RlsMimic(string FindingId, string? ConditionId);

/// <summary>A band of the IRLS severity scale total.</summary>
public sealed record IrlsBand(int Min, int Max, string Label);

/// <summary>The diagnostic criteria and severity scale for restless legs.</summary>
public sealed record RlsInstruments(
    string CriteriaSourceId,
    IReadOnlyList<IrlssgCriterion> Criteria,
    string ScaleSourceId,
    int ItemCount,
    int MaxItemScore,
    IReadOnlyList<IrlsBand> Bands,
    string LicenceNote);

/// <summary>
/// A set of related findings. Findings are asked one at a time; a group marked <see cref="Checklist"/> is asked on one
/// screen as "which of these apply?" (ticked: yes, not ticked: no), and never holds a red flag's own signs.
/// </summary>
public sealed record QuestionGroup(string Id, string Text, bool Checklist);

/// <summary>
/// A red flag whose questions jump the queue once one of <see cref="AskWhen"/> is answered yes (or "don't know");
/// answered yes, these findings also make a "don't know" on the flag's signs read as "cannot be ruled out".
/// </summary>
public sealed record RedFlagTrigger(string RedFlagId, IReadOnlyList<string> AskWhen);

/// <summary>Lab results worth asking for at the end of the interview when <see cref="When"/> holds.</summary>
public sealed record LabRequest(string Id, string Text, IReadOnlyList<string> AnalyteIds, Rule When);

/// <summary>How the adaptive interview is run.</summary>
public sealed record InterviewKnowledge(
    string OpeningId,
    string OpeningText,
    IReadOnlyList<string> OpeningFindings,
    int MaxAnswers,
    int MaxGroupSize,
    decimal PregnancyMinAge,
    decimal PregnancyMaxAge,
    IReadOnlyList<QuestionGroup> Groups,
    IReadOnlyList<RedFlagTrigger> RedFlagTriggers,
    IReadOnlyList<LabRequest> LabRequests);

/// <summary>What makes a diary day count as having a factor.</summary>
public sealed record DiaryFactor(string Id, string FindingId, string Description, Func<Diary.DailyFactors, bool?> Applies);

/// <summary>How diary patterns become evidence (knowledge/diary.yaml).</summary>
public sealed record DiaryPolicy(
    int MinEpisodes,
    double RestShare,
    string RestFinding,
    double EveningShare,
    string EveningFinding,
    int EveningFromHour,
    int EveningToHour,
    double AssociationRatio,
    int MinDaysEach,
    IReadOnlyList<DiaryFactor> Factors)
{
    /// <summary>Days with a factor, and as many without, below which a difference is worded as possibly chance.</summary>
    public required int SteadyDaysEach { get; init; }
}
