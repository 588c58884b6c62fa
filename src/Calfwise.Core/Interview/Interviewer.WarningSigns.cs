using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Interview;

/// <summary>The warning-sign screen: the signs nothing said so far points to, asked together as one checklist.</summary>
public sealed partial class Interviewer
{
    /// <summary>
    /// Warning signs that nothing said so far points to (no trigger of their red flag was answered yes or "don't
    /// know"), each of which would raise the triage were it answered yes, asked as one "do you have any of these?"
    /// checklist, most urgent first, as NHS 111 online does, with "not sure" beside each. Signs a trigger made relevant
    /// are asked before this, on their own flag's checklist (<see cref="RedFlagQuestion"/>).
    /// </summary>
    private InterviewQuestion? WarningSigns(ValidatedCase input, Assessment assessment, HashSet<string> fired, Applicability applies)
    {
        var probabilities = assessment.Differential.ToDictionary(c => c.Id, c => c.Probability, StringComparer.Ordinal);
        var conditionProbabilities = _knowledge.Conditions.Select(c => probabilities[c.Id]).ToArray();
        var context = new Lazy<IRuleContext>(() => _engine.Context(input, assessment));
        var baseline = Outcome(assessment);
        var signs = new List<(string FindingId, TriageLevel Level)>();
        foreach (var findingId in _candidateFindings)
        {
            if (!_redFlagsByFinding.TryGetValue(findingId, out var flags) || input.WasAsked(findingId) || !applies.Fits(findingId)
                || applies.IsTriggeredSign(findingId))
            {
                continue; // not a warning sign, answered, not for this person, or asked on a triggered flag's own checklist
            }

            var level = flags.Where(f => !fired.Contains(f.Id)).Select(f => f.Level).DefaultIfEmpty(TriageLevel.SelfCare).Max();
            if (level > baseline.Triage && RaisesTriage(input, findingId, assessment, context, conditionProbabilities, baseline))
            {
                signs.Add((findingId, level));
            }
        }

        if (signs.Count == 0)
        {
            return null;
        }

        var items = signs.OrderByDescending(s => s.Level).Take(_knowledge.Interview.MaxGroupSize).Select(s => s.FindingId).ToList();
        var why = "These are warning signs that need a doctor soon or emergency care. Most people have none of them.";
        return new InterviewQuestion("warning-signs", QuestionKind.RedFlag, "Do you have any of these?", Items(items), [], why) { Checklist = true, NotSure = true };
    }
}
