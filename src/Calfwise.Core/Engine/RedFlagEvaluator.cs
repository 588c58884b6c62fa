using System.Collections.Frozen;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Engine;

/// <summary>
/// Decides which red flags fire. A flag fires when its rule holds. "I don't know" is not "no": a flag also fires, as
/// "cannot be ruled out", at its own level, in two cases. Either something is positively there (one of the flag's
/// trigger findings in interview.yaml or of the rule's own findings is answered yes, or a part of the rule that is
/// not an answer holds: a low calcium for its symptoms, the combined pill or a pregnancy for a calf pain not known)
/// and one "don't know" alone, read as yes, makes the rule hold. Or the person could not say whether they have the
/// very symptom that brought them (a finding of the opening question that triggers the flag) and that unknown with
/// one other makes the rule hold (a calf pain not known with a pill not known). Both readings only grow as "don't
/// know" answers are added, so a "don't know" is never less cautious than no answer at all.
/// </summary>
internal sealed class RedFlagEvaluator
{
    private readonly KnowledgeBase _knowledge;
    private readonly FrozenDictionary<string, IReadOnlyList<string>> _triggers;
    private readonly FrozenDictionary<string, string[]> _findings;
    private readonly FrozenDictionary<string, Rule[]> _facts;
    private readonly FrozenSet<string> _presenting;

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
        // What brings people here (the opening question): not knowing one of these is itself a reason for caution.
        _presenting = knowledge.Interview.OpeningFindings.ToFrozenSet(StringComparer.Ordinal);
        // The parts of each rule that are facts rather than answers: labs, medicines, pregnancy, the iron plan.
        _facts = knowledge.RedFlags.ToFrozenDictionary(
            f => f.Id,
            f => f.When.Descendants().Where(r => r is LabThresholdRule or LabStatusRule or CriticalLimitRule or AnemiaRule or MedicationClassRule or PregnantRule or IronPlanRule).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>The flag as fired for this case, or null when it does not fire.</summary>
    public FiredRedFlag? Evaluate(RedFlag flag, ValidatedCase input, IRuleContext context)
    {
        if (flag.When.Evaluate(context))
        {
            return new FiredRedFlag(flag.Id, flag.Level, flag.Text, flag.SourceIds) { ConditionId = flag.ConditionId };
        }

        if (input.DontKnow.Count == 0)
        {
            return null;
        }

        var unsure = Unsure(flag, input, context);
        if (unsure.Count == 0)
        {
            return null;
        }

        var labels = string.Join(" or ", unsure.Select(id => Lower(_knowledge.FindingsById[id].Label)));
        var text = $"You were not sure about {labels}, so this cannot be ruled out without a check. {flag.Text}";
        return new FiredRedFlag(flag.Id, flag.Level, text, flag.SourceIds) { NotRuledOut = unsure, ConditionId = flag.ConditionId };
    }

    /// <summary>
    /// The "don't know" answers that leave the flag open: with something positively there (see
    /// <see cref="TriggerPresent"/>), one that alone, read as yes, makes the rule hold; or a trigger of the flag not
    /// known together with one other unknown when the rule needs both (a calf pain not known with a pill not known).
    /// </summary>
    private List<string> Unsure(RedFlag flag, ValidatedCase input, IRuleContext context)
    {
        var candidates = _findings[flag.Id].Where(input.DontKnow.Contains).ToList();
        // Without a trigger present, a "don't know" that alone would make the rule hold must still be checked in
        // pairs below: returning early here made one more "don't know" hide a flag that fewer of them left open.
        var alone = candidates.Where(f => flag.When.Evaluate(new DontKnowAsYes(context, f, null))).ToList();
        if (alone.Count > 0 && TriggerPresent(flag.Id, input, context))
        {
            return alone;
        }

        var unsure = new List<string>();
        if (!_triggers.TryGetValue(flag.Id, out var triggers))
        {
            return unsure;
        }

        foreach (var trigger in triggers.Where(t => candidates.Contains(t) && _presenting.Contains(t)))
        {
            foreach (var other in candidates.Where(f => f != trigger && !unsure.Contains(f) && flag.When.Evaluate(new DontKnowAsYes(context, trigger, f))))
            {
                if (!unsure.Contains(trigger))
                {
                    unsure.Add(trigger);
                }

                unsure.Add(other);
            }
        }

        return unsure;
    }

    /// <summary>Something is positively there: a finding of the rule or a trigger of the flag answered yes, or a fact of the rule.</summary>
    private bool TriggerPresent(string flagId, ValidatedCase input, IRuleContext context) =>
        _findings[flagId].Any(f => context.Answer(f) == true)
        || _facts[flagId].Any(r => r.Evaluate(context))
        || (_triggers.TryGetValue(flagId, out var triggers) && triggers.Any(t => context.Answer(t) == true));

    /// <summary>Whether the flag fires for this case (plainly or as "cannot be ruled out").</summary>
    public bool Fires(RedFlag flag, ValidatedCase input, IRuleContext context) => Evaluate(flag, input, context) is not null;

    private static string Lower(string label) => label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1])
        ? char.ToLowerInvariant(label[0]) + label[1..]
        : label;

    /// <summary>The same case read with one or two "I don't know" answers taken as yes.</summary>
    private sealed class DontKnowAsYes(IRuleContext inner, string dontKnow, string? alsoDontKnow) : AnswerOverlay(inner)
    {
        public override bool? Answer(string findingId) => findingId == dontKnow || findingId == alsoDontKnow ? true : Inner.Answer(findingId);
    }
}

/// <summary>A rule context that answers some findings differently from the case underneath (what-ifs, "don't know").</summary>
internal class AnswerOverlay(IRuleContext inner) : IRuleContext
{
    protected IRuleContext Inner => inner;

    /// <summary>One finding answered yes or no, the rest as in <paramref name="inner"/>.</summary>
    public static IRuleContext With(IRuleContext inner, string findingId, bool answer) => new Single(inner, findingId, answer);

    /// <summary>Every finding not answered (or answered "don't know") read as yes: what the answers given cannot rule out.</summary>
    public static IRuleContext Optimistic(IRuleContext inner) => new Hopeful(inner);

    public virtual bool? Answer(string findingId) => inner.Answer(findingId);

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

    private sealed class Single(IRuleContext inner, string findingId, bool answer) : AnswerOverlay(inner)
    {
        public override bool? Answer(string id) => id == findingId ? answer : Inner.Answer(id);
    }

    private sealed class Hopeful(IRuleContext inner) : AnswerOverlay(inner)
    {
        public override bool? Answer(string id) => Inner.Answer(id) ?? true;
    }
}
