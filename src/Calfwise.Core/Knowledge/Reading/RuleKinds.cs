using System.Collections.Frozen;

namespace Calfwise.Core.Knowledge.Reading;

/// <summary>
/// The rule kinds of the knowledge language, by the key that names them in a file. A new kind is a
/// <see cref="Rule"/> record (Rules.cs) and one line here; docs/knowledge.md lists them for authors.
/// </summary>
internal static class RuleKinds
{
    private static readonly Dictionary<string, bool> Truth = new(StringComparer.Ordinal) { ["true"] = true, ["false"] = false };

    private static readonly (string Name, Func<RuleArgument, Rule?> Read)[] Kinds =
    [
        // Logic
        ("all", a => a.Rules() is { } rules ? new AllRule(rules) : null),
        ("any", a => a.Rules() is { } rules ? new AnyRule(rules) : null),
        ("not", a => a.Inner() is { } inner ? new NotRule(inner) : null),

        // Answers
        ("finding", a => a.Reference(ReferenceKind.Finding, id => new FindingRule(id, AnswerKind.Yes))),
        ("findingNo", a => a.Reference(ReferenceKind.Finding, id => new FindingRule(id, AnswerKind.No))),
        ("findingUnknown", a => a.Reference(ReferenceKind.Finding, id => new FindingRule(id, AnswerKind.Unknown))),

        // The differential: a condition at or above a probability band of triage.yaml
        ("possible", a => Band(a, "possible")),
        ("likely", a => Band(a, "likely")),

        // Labs
        ("labMissing", a => a.Reference(ReferenceKind.Analyte, id => new LabMissingRule(id))),
        ("labBelow", a => a.Reference(ReferenceKind.Threshold, id => new LabThresholdRule(id, Comparison.Below))),
        ("labAtMost", a => a.Reference(ReferenceKind.Threshold, id => new LabThresholdRule(id, Comparison.AtMost))),
        ("labAbove", a => a.Reference(ReferenceKind.Threshold, id => new LabThresholdRule(id, Comparison.Above))),
        ("labAtLeast", a => a.Reference(ReferenceKind.Threshold, id => new LabThresholdRule(id, Comparison.AtLeast))),
        ("lab", LabStatusRule),
        ("ironPlan", a => a.OneOf(Words(Enum.GetValues<IronPlan>(), p => p.ToId())) is { } plan ? new IronPlanRule(plan) : null),
        ("anemia", a => a.OneOf(new Dictionary<string, bool> { ["any"] = false, ["severe"] = true }) is { } severe ? new AnemiaRule(severe) : null),
        ("inflammation", a => a.OneOf(Truth) is { } truth ? new InflammationRule(truth) : null),

        // The person
        ("medicationClass", a => a.Reference(ReferenceKind.MedicationClass, id => new MedicationClassRule(id))),
        ("pregnant", a => a.OneOf(Truth) is { } truth ? new PregnantRule(truth) : null),
        ("sex", a => a.OneOf(new Dictionary<string, Sex> { ["female"] = Sex.Female, ["male"] = Sex.Male }) is { } sex ? new SexRule(sex) : null),
        ("ageAtLeast", a => a.Number() is { } age ? new AgeRule(age, AtLeast: true) : null),
        ("ageBelow", a => a.Number() is { } age ? new AgeRule(age, AtLeast: false) : null),

        // Only for recommendations: what the assessment has already concluded
        ("redFlag", a => a.Reference(ReferenceKind.RedFlag, id => new RedFlagRule(id))),
        ("triageAtLeast", a => a.OneOf(Words(TriageLevels.All, l => l.ToId())) is { } level ? new TriageAtLeastRule(level) : null),
    ];

    private static readonly FrozenDictionary<string, Func<RuleArgument, Rule?>> Table = Kinds.ToFrozenDictionary(k => k.Name, k => k.Read, StringComparer.Ordinal);

    /// <summary>Every rule kind's key, in the order above.</summary>
    public static IReadOnlyList<string> Names { get; } = Kinds.Select(k => k.Name).ToArray();

    public static Func<RuleArgument, Rule?>? Find(string kind) => Table.GetValueOrDefault(kind);

    private static Rule? Band(RuleArgument argument, string band)
    {
        argument.Parser.Uses(ReferenceKind.Band, band, argument.At);
        return argument.Reference(ReferenceKind.Condition, id => new ConditionBandRule(id, band));
    }

    private static Dictionary<string, T> Words<T>(IEnumerable<T> values, Func<T, string> id) =>
        values.ToDictionary(id, v => v, StringComparer.Ordinal);

    /// <summary>{ analyte: id, status: [low, critical, ...] }: the analyte's result has one of these statuses.</summary>
    private static Rule? LabStatusRule(RuleArgument argument)
    {
        if (argument.Value is not Syntax.MapNode mapping)
        {
            return argument.Error("rule 'lab' needs { analyte: id, status: [..] }");
        }

        var errors = new ErrorSink();
        var map = new NodeMap(mapping, argument.At.File, errors);
        map.OnlyKeys("analyte", "status");
        var analyte = map.Str("analyte");
        var statuses = new List<LabStatus>();
        var known = Words(Enum.GetValues<LabStatus>(), s => s.ToId());
        foreach (var text in map.Strings("status"))
        {
            if (known.TryGetValue(text, out var status))
            {
                statuses.Add(status);
            }
            else
            {
                map.Error($"lab status '{text}' is not one of {string.Join(", ", known.Keys)}");
            }
        }

        foreach (var error in errors.Errors)
        {
            argument.Parser.Error(new SourceLocation(error.File, error.Line), error.Message);
        }

        if (analyte is null || statuses.Count == 0)
        {
            return null;
        }

        argument.Parser.Uses(ReferenceKind.Analyte, analyte, argument.At);
        return new LabStatusRule(analyte, statuses);
    }
}
