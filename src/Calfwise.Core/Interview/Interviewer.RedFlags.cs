using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Interview;

/// <summary>Red-flag questions: which warning signs are due, and whether a flag could still fire.</summary>
public sealed partial class Interviewer
{
    /// <summary>
    /// The signs of every red flag made relevant by a trigger answered yes or "don't know", that has not fired and
    /// could still fire, asked together: all the flags of the highest such level on one checklist on which each sign
    /// can also be answered "not sure", so the most urgent advice is known after one screen.
    /// </summary>
    private InterviewQuestion? RedFlagQuestion(ValidatedCase input, Assessment assessment, HashSet<string> fired, Applicability applies)
    {
        var due = new List<(RedFlag Flag, List<string> Unasked)>();
        foreach (var (flag, trigger, findings) in _redFlagQuestions)
        {
            if (fired.Contains(flag.Id) || (due.Count > 0 && flag.Level < due[0].Flag.Level)
                || !trigger.AskWhen.Any(f => input.Answer(f) == true || input.DontKnow.Contains(f)))
            {
                continue;
            }

            var unasked = findings.Where(f => !input.WasAsked(f) && applies.Fits(f)).ToList();
            if (unasked.Count > 0 && CouldFire(flag, input, unasked, assessment))
            {
                due.Add((flag, unasked));
            }
        }

        if (due.Count == 0)
        {
            return null;
        }

        var items = due.SelectMany(d => d.Unasked).Distinct(StringComparer.Ordinal).ToList();
        var id = "red-flag-" + string.Join("+", due.Select(d => d.Flag.Id));
        var why = due.Count == 1
            ? $"These check for a warning sign that needs care soon: {due[0].Flag.Text}"
            : $"These check for warning signs that need care soon, such as: {due[0].Flag.Text}";
        var text = items.Count == 1 ? _knowledge.FindingsById[items[0]].Question : "Do you have any of these?";
        return new InterviewQuestion(items.Count == 1 ? items[0] : id, QuestionKind.RedFlag, text, Items(items), [], why) { Checklist = items.Count > 1, NotSure = true };
    }

    /// <summary>
    /// Whether a finding's question is for this person: the audience (no question about periods for a man) and the
    /// finding's <see cref="Finding.AskIf"/>, read against what the answers so far cannot rule out.
    /// </summary>
    private sealed class Applicability(Interviewer interviewer, ValidatedCase input, Assessment assessment)
    {
        private IRuleContext? _hopeful;
        private HashSet<string>? _triggered;

        /// <summary>
        /// Whether the finding is a sign of a red flag that what was said made relevant (a trigger answered yes or
        /// "don't know") and that has not fired: such a sign is asked on its flag's own checklist, with "not sure" beside it.
        /// </summary>
        public bool IsTriggeredSign(string findingId)
        {
            _triggered ??= interviewer._redFlagQuestions
                .Where(q => q.Trigger.AskWhen.Any(f => input.Answer(f) == true || input.DontKnow.Contains(f)) && !assessment.RedFlags.Any(r => r.Id == q.Flag.Id))
                .Select(q => q.Flag.Id)
                .ToHashSet(StringComparer.Ordinal);
            return interviewer._redFlagsByFinding.TryGetValue(findingId, out var flags) && flags.Any(f => _triggered.Contains(f.Id));
        }

        public bool Fits(string findingId)
        {
            var finding = interviewer._knowledge.FindingsById[findingId];
            if (!finding.Audience.Includes(input.Sex, input.Age))
            {
                return false;
            }

            if (finding.AskIf is not { } rule)
            {
                return true;
            }

            _hopeful ??= AnswerOverlay.Optimistic(interviewer._engine.Context(input, assessment));
            return rule.Evaluate(_hopeful);
        }
    }

    /// <summary>
    /// Whether the flag could still fire were these unasked findings answered yes: a flag that needs a medicine, a
    /// lab result or a pregnancy the person does not have is not worth its questions.
    /// </summary>
    private bool CouldFire(RedFlag flag, ValidatedCase input, IReadOnlyList<string> unasked, Assessment assessment)
    {
        var answered = input;
        foreach (var findingId in unasked)
        {
            answered = answered.WithAnswer(findingId, true);
        }

        return _engine.Fires(flag, answered, assessment);
    }
}
