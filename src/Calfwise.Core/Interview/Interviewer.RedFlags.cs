using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Interview;

/// <summary>Red-flag questions: which warning signs are due, and whether a flag could still fire.</summary>
public sealed partial class Interviewer
{
    /// <summary>
    /// The questions of every red flag made relevant by a trigger answered yes or "don't know", that has not fired
    /// and could still fire, asked together: all the flags of the highest such level on one screen.
    /// </summary>
    private InterviewQuestion? RedFlagQuestion(ValidatedCase input, Assessment assessment, HashSet<string> fired)
    {
        var due = new List<(RedFlag Flag, List<string> Unasked)>();
        foreach (var (flag, trigger, findings) in _redFlagQuestions)
        {
            if (fired.Contains(flag.Id) || (due.Count > 0 && flag.Level < due[0].Flag.Level)
                || !trigger.AskWhen.Any(f => input.Answer(f) == true || input.DontKnow.Contains(f)))
            {
                continue;
            }

            var unasked = findings.Where(f => !input.WasAsked(f) && Fits(f, input)).ToList();
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
        return new InterviewQuestion(id, QuestionKind.RedFlag, "A few important safety questions", Items(items), [], why);
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
