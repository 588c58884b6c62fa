namespace Calfwise.Core.Knowledge;

/// <summary>What a rule can ask about a case being assessed.</summary>
public interface IRuleContext
{
    bool? Answer(string findingId);
    double Probability(string conditionId);
    double BandProbability(string bandId);
    LabStatus? LabStatus(string analyteId);
    decimal? CanonicalValue(string analyteId);
    Threshold Threshold(string thresholdId);
    IronPlan IronPlan { get; }
    bool? Anemia { get; }
    bool? SevereAnemia { get; }
    bool? Inflammation { get; }
    bool HasMedicationClass(string classId);
    Sex Sex { get; }
    bool Pregnant { get; }
    decimal Age { get; }
    bool RedFlagFired(string redFlagId);
    TriageLevel TriageSoFar { get; }
}

/// <summary>What kind of knowledge item a rule refers to, for validating references at load.</summary>
public enum ReferenceKind
{
    Finding,
    Condition,
    Band,
    Analyte,
    Threshold,
    MedicationClass,
    RedFlag,
}

public readonly record struct RuleReference(ReferenceKind Kind, string Id);

/// <summary>A condition written in the knowledge files that says when a red flag or recommendation applies.</summary>
public abstract record Rule
{
    public abstract bool Evaluate(IRuleContext context);

    public virtual IEnumerable<RuleReference> References() => [];

    /// <summary>This rule and every rule inside it.</summary>
    public virtual IEnumerable<Rule> Descendants() => [this];
}

public sealed record AllRule(IReadOnlyList<Rule> Rules) : Rule
{
    public override IEnumerable<Rule> Descendants() => Rules.SelectMany(r => r.Descendants()).Prepend(this);

    public override bool Evaluate(IRuleContext context)
    {
        // A loop, not LINQ: rules are evaluated many times per assessment and interview step.
        for (var i = 0; i < Rules.Count; i++)
        {
            if (!Rules[i].Evaluate(context))
            {
                return false;
            }
        }

        return true;
    }

    public override IEnumerable<RuleReference> References() => Rules.SelectMany(r => r.References());
}

public sealed record AnyRule(IReadOnlyList<Rule> Rules) : Rule
{
    public override IEnumerable<Rule> Descendants() => Rules.SelectMany(r => r.Descendants()).Prepend(this);

    public override bool Evaluate(IRuleContext context)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i].Evaluate(context))
            {
                return true;
            }
        }

        return false;
    }

    public override IEnumerable<RuleReference> References() => Rules.SelectMany(r => r.References());
}

public sealed record NotRule(Rule Inner) : Rule
{
    public override IEnumerable<Rule> Descendants() => Inner.Descendants().Prepend(this);

    public override bool Evaluate(IRuleContext context) => !Inner.Evaluate(context);

    public override IEnumerable<RuleReference> References() => Inner.References();
}

/// <summary>How a finding was answered: yes, no, or not at all.</summary>
public enum AnswerKind
{
    Yes,
    No,
    Unknown,
}

public sealed record FindingRule(string FindingId, AnswerKind Answer) : Rule
{
    public override bool Evaluate(IRuleContext context) => (context.Answer(FindingId), Answer) switch
    {
        (true, AnswerKind.Yes) => true,
        (false, AnswerKind.No) => true,
        (null, AnswerKind.Unknown) => true,
        _ => false,
    };

    public override IEnumerable<RuleReference> References() => [new(ReferenceKind.Finding, FindingId)];
}

public sealed record ConditionBandRule(string ConditionId, string BandId) : Rule
{
    public override bool Evaluate(IRuleContext context) => context.Probability(ConditionId) >= context.BandProbability(BandId);

    public override IEnumerable<RuleReference> References() => [new(ReferenceKind.Condition, ConditionId), new(ReferenceKind.Band, BandId)];
}

public sealed record LabStatusRule(string AnalyteId, IReadOnlyList<LabStatus> Statuses) : Rule
{
    public override bool Evaluate(IRuleContext context) => context.LabStatus(AnalyteId) is { } status && Statuses.Contains(status);

    public override IEnumerable<RuleReference> References() => [new(ReferenceKind.Analyte, AnalyteId)];
}

public sealed record LabMissingRule(string AnalyteId) : Rule
{
    public override bool Evaluate(IRuleContext context) => context.CanonicalValue(AnalyteId) is null;

    public override IEnumerable<RuleReference> References() => [new(ReferenceKind.Analyte, AnalyteId)];
}

/// <summary>How a lab value is compared with a named threshold.</summary>
public enum Comparison
{
    Below,
    AtMost,
    Above,
    AtLeast,
}

public static class Comparisons
{
    /// <summary>Whether <paramref name="value"/> compares so with <paramref name="limit"/>.</summary>
    public static bool Holds(this Comparison comparison, decimal value, decimal limit) => comparison switch
    {
        Comparison.Below => value < limit,
        Comparison.AtMost => value <= limit,
        Comparison.Above => value > limit,
        Comparison.AtLeast => value >= limit,
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, null),
    };

    public static string Describe(this Comparison comparison) => comparison switch
    {
        Comparison.Below => "below",
        Comparison.AtMost => "at or below",
        Comparison.Above => "above",
        Comparison.AtLeast => "at or above",
        _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison, null),
    };
}

public sealed record LabThresholdRule(string ThresholdId, Comparison Comparison) : Rule
{
    public override bool Evaluate(IRuleContext context)
    {
        var threshold = context.Threshold(ThresholdId);
        return context.CanonicalValue(threshold.AnalyteId) is { } value && Comparison.Holds(value, threshold.Value);
    }

    public override IEnumerable<RuleReference> References() => [new(ReferenceKind.Threshold, ThresholdId)];
}

/// <summary>The rule of a red flag made from an analyte's critical limit (labs.yaml).</summary>
public sealed record CriticalLimitRule(string AnalyteId, CriticalLimit Limit) : Rule
{
    public override bool Evaluate(IRuleContext context) =>
        context.CanonicalValue(AnalyteId) is { } value && Limit.IsCrossedBy(value, context.Pregnant);

    public override IEnumerable<RuleReference> References() => [new(ReferenceKind.Analyte, AnalyteId)];
}

public sealed record IronPlanRule(IronPlan Plan) : Rule
{
    public override bool Evaluate(IRuleContext context) => context.IronPlan == Plan;
}

public sealed record AnemiaRule(bool SevereOnly) : Rule
{
    public override bool Evaluate(IRuleContext context) => (SevereOnly ? context.SevereAnemia : context.Anemia) == true;
}

public sealed record InflammationRule(bool Present) : Rule
{
    public override bool Evaluate(IRuleContext context) => context.Inflammation == Present;
}

public sealed record MedicationClassRule(string ClassId) : Rule
{
    public override bool Evaluate(IRuleContext context) => context.HasMedicationClass(ClassId);

    public override IEnumerable<RuleReference> References() => [new(ReferenceKind.MedicationClass, ClassId)];
}

public sealed record SexRule(Sex Sex) : Rule
{
    public override bool Evaluate(IRuleContext context) => context.Sex == Sex;
}

public sealed record PregnantRule(bool Pregnant) : Rule
{
    public override bool Evaluate(IRuleContext context) => context.Pregnant == Pregnant;
}

public sealed record AgeRule(decimal Years, bool AtLeast) : Rule
{
    public override bool Evaluate(IRuleContext context) => AtLeast ? context.Age >= Years : context.Age < Years;
}

public sealed record RedFlagRule(string RedFlagId) : Rule
{
    public override bool Evaluate(IRuleContext context) => context.RedFlagFired(RedFlagId);

    public override IEnumerable<RuleReference> References() => [new(ReferenceKind.RedFlag, RedFlagId)];
}

public sealed record TriageAtLeastRule(TriageLevel Level) : Rule
{
    public override bool Evaluate(IRuleContext context) => context.TriageSoFar >= Level;
}
