using System.Collections.Frozen;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Engine;

/// <summary>
/// Decides which red flags fire. A flag fires when its rule holds. "I don't know" is not "no": when one of the
/// flag's trigger findings (interview.yaml) is answered yes and the rule would hold were the person's "don't know"
/// answers yes, the flag fires too, as "cannot be ruled out", at its own level. Missing answers never lower a level.
/// </summary>
internal sealed class RedFlagEvaluator
{
    private readonly KnowledgeBase _knowledge;
    private readonly FrozenDictionary<string, IReadOnlyList<string>> _triggers;
    private readonly FrozenDictionary<string, string[]> _findings;

    public RedFlagEvaluator(KnowledgeBase knowledge)
    {
        _knowledge = knowledge;
        _triggers = knowledge.Interview.RedFlagTriggers
            .GroupBy(t => t.RedFlagId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(t => t.AskWhen).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        _findings = knowledge.RedFlags.ToFrozenDictionary(
            f => f.Id,
            f => f.When.Descendants().OfType<FindingRule>().Where(r => r.Answer == AnswerKind.Yes).Select(r => r.FindingId).Distinct(StringComparer.Ordinal).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>The flag as fired for this case, or null when it does not fire.</summary>
    public FiredRedFlag? Evaluate(RedFlag flag, PatientCase input, IRuleContext context)
    {
        if (flag.When.Evaluate(context))
        {
            return new FiredRedFlag(flag.Id, flag.Level, flag.Text, flag.SourceIds) { ConditionId = flag.ConditionId };
        }

        if (input.DontKnow.Count == 0
            || !_triggers.TryGetValue(flag.Id, out var triggers)
            || !triggers.Any(t => input.Answer(t) == true))
        {
            return null;
        }

        var unsure = _findings[flag.Id].Where(input.DontKnow.Contains).ToList();
        if (unsure.Count == 0 || !flag.When.Evaluate(new DontKnowAsYes(context, input.DontKnow)))
        {
            return null;
        }

        var labels = string.Join(" or ", unsure.Select(id => Lower(_knowledge.FindingsById[id].Label)));
        var text = $"You were not sure about {labels}, so this cannot be ruled out without a check. {flag.Text}";
        return new FiredRedFlag(flag.Id, flag.Level, text, flag.SourceIds) { NotRuledOut = unsure, ConditionId = flag.ConditionId };
    }

    /// <summary>Whether the flag fires for this case (plainly or as "cannot be ruled out").</summary>
    public bool Fires(RedFlag flag, PatientCase input, IRuleContext context) => Evaluate(flag, input, context) is not null;

    private static string Lower(string label) => label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1])
        ? char.ToLowerInvariant(label[0]) + label[1..]
        : label;

    /// <summary>The same case read with every "I don't know" answer taken as yes.</summary>
    private sealed class DontKnowAsYes(IRuleContext inner, IReadOnlySet<string> dontKnow) : IRuleContext
    {
        public bool? Answer(string findingId) => dontKnow.Contains(findingId) ? true : inner.Answer(findingId);

        public double Probability(string conditionId) => inner.Probability(conditionId);

        public double BandProbability(string bandId) => inner.BandProbability(bandId);

        public LabStatus? LabStatus(string analyteId) => inner.LabStatus(analyteId);

        public decimal? CanonicalValue(string analyteId) => inner.CanonicalValue(analyteId);

        public Threshold Threshold(string thresholdId) => inner.Threshold(thresholdId);

        public IronPlan IronPlan => inner.IronPlan;

        public bool? Anemia => inner.Anemia;

        public bool? SevereAnemia => inner.SevereAnemia;

        public bool? Inflammation => inner.Inflammation;

        public bool HasMedicationClass(string classId) => inner.HasMedicationClass(classId);

        public Sex Sex => inner.Sex;

        public bool Pregnant => inner.Pregnant;

        public decimal Age => inner.Age;

        public bool RedFlagFired(string redFlagId) => inner.RedFlagFired(redFlagId);

        public TriageLevel TriageSoFar => inner.TriageSoFar;
    }
}
