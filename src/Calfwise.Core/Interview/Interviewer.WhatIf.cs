using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Interview;

/// <summary>What-ifs: whether an answer could change the triage, the leading conditions or the plan.</summary>
public sealed partial class Interviewer
{
    /// <summary>
    /// Whether answering yes or no could change the triage or the three leading conditions. Exact without a full
    /// assessment: a finding only multiplies its own conditions' odds by its likelihood ratio, and only the red
    /// flags whose rules name it can change; labs, medicines and every other answer stay as they are.
    /// </summary>
    private bool CouldChange(ValidatedCase input, string findingId, Assessment assessment, Lazy<IRuleContext> context, double[] probabilities, (TriageLevel Triage, string[] Top) baseline)
    {
        foreach (var answer in (ReadOnlySpan<bool>)[true, false])
        {
            var (triage, whatIf) = WhatIf(input, findingId, answer, assessment, context, probabilities);
            if (triage != baseline.Triage || !TopIds(whatIf).AsSpan().SequenceEqual(baseline.Top))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a "yes" would raise the triage (a warning sign worth asking about).</summary>
    private bool RaisesTriage(ValidatedCase input, string findingId, Assessment assessment, Lazy<IRuleContext> context, double[] probabilities, (TriageLevel Triage, string[] Top) baseline) =>
        WhatIf(input, findingId, true, assessment, context, probabilities).Triage > baseline.Triage;

    /// <summary>The triage and condition probabilities were <paramref name="findingId"/> answered so, everything else unchanged.</summary>
    private (TriageLevel Triage, double[] Probabilities) WhatIf(ValidatedCase input, string findingId, bool answer, Assessment assessment, Lazy<IRuleContext> context, double[] probabilities)
    {
        var rows = _evidenceByFinding.GetValueOrDefault(findingId, []);
        var flags = _redFlagsByFinding.GetValueOrDefault(findingId, []);
        var flagLevel = assessment.RedFlags.Where(f => !flags.Any(a => a.Id == f.Id)).Select(f => f.Level).DefaultIfEmpty(TriageLevel.SelfCare).Max();
        var whatIf = (double[])probabilities.Clone();
        foreach (var row in rows)
        {
            var ratio = answer ? row.Yes : row.No;
            if (ratio != 1)
            {
                whatIf[row.Index] = Update(whatIf[row.Index], ratio);
            }
        }

        foreach (var flag in flags)
        {
            if (flag.Level > flagLevel && _engine.Fires(flag, input, AnswerOverlay.With(context.Value, findingId, answer)))
            {
                flagLevel = flag.Level;
            }
        }

        return (TriagePolicy.Level(flagLevel, whatIf.Select((p, i) => (p, _knowledge.Conditions[i].Triage)), _possible), whatIf);
    }

    /// <summary>For a finding only recommendations use: whether an answer would change the plan (a full what-if assessment).</summary>
    private bool CouldChangePlan(ValidatedCase input, string findingId, Assessment assessment)
    {
        var plan = assessment.Recommendations.Select(r => r.Id).ToArray();
        foreach (var answer in (ReadOnlySpan<bool>)[true, false])
        {
            if (!_engine.Assess(input.WithAnswer(findingId, answer)).Recommendations.Select(r => r.Id).SequenceEqual(plan))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The three leading condition ids, sorted, ranked as the differential ranks them (probability, then id).</summary>
    private string[] TopIds(double[] probabilities) =>
        Enumerable.Range(0, probabilities.Length)
            .Where(i => probabilities[i] >= _leading)
            .OrderByDescending(i => probabilities[i])
            .ThenBy(i => _knowledge.Conditions[i].Id, StringComparer.Ordinal)
            .Take(TopConditions)
            .Select(i => _knowledge.Conditions[i].Id)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private (TriageLevel Triage, string[] Top) Outcome(Assessment assessment) =>
        (assessment.Triage.Level, Leading(assessment, _leading).Order(StringComparer.Ordinal).ToArray());

    /// <summary>
    /// The leading conditions: the three most probable that reach the 'leading' band (triage.yaml). The order of
    /// conditions below it is noise the interview does not spend questions on.
    /// </summary>
    public static IEnumerable<string> Leading(Assessment assessment, double leading) =>
        assessment.Differential.Where(c => c.Probability >= leading).Take(TopConditions).Select(c => c.Id);
}
