using System.Diagnostics.CodeAnalysis;

namespace Calfwise.Core.Interview;

/// <summary>What kind of question the interview asks next.</summary>
public enum QuestionKind
{
    /// <summary>What brings the person here.</summary>
    Opening,
    /// <summary>A warning sign made relevant by what was said; asked before anything else.</summary>
    RedFlag,
    /// <summary>The question expected to tell the leading causes apart best.</summary>
    Finding,
    /// <summary>Lab results the plan depends on; "I don't have them" is an accepted answer.</summary>
    Labs,
}

/// <summary>One yes / no / don't know item of a question.</summary>
public sealed record QuestionItem(string FindingId, string Text, string Label);

/// <summary>
/// A question: one finding answered yes, no or not sure; a checklist ("which of these apply?", ticked items yes, the
/// rest no); or a request for lab results.
/// </summary>
public sealed record InterviewQuestion(
    string Id,
    QuestionKind Kind,
    string Text,
    IReadOnlyList<QuestionItem> Items,
    IReadOnlyList<string> Analytes,
    string Why)
{
    /// <summary>Asked as "which of these apply?": a ticked item is yes, an item left unticked is no.</summary>
    public bool Checklist { get; init; }

    /// <summary>Whether "not sure" is offered (on a checklist, beside each item): always on a warning sign made relevant by what was said.</summary>
    public bool NotSure { get; init; }
}

/// <summary>
/// What to do now, known before the interview ends: the triage reached urgent or emergency. Shown as soon as it is
/// known (an emergency ends the interview); <see cref="Ids"/> tells a caller whether this advice is new.
/// </summary>
public sealed record InterviewAlert(Knowledge.TriageLevel Level, IReadOnlyList<string> Ids, IReadOnlyList<string> Advice);

/// <summary>The next question, or why the interview is done.</summary>
public sealed record InterviewStep
{
    private InterviewStep(InterviewQuestion? question, string? doneReason, InterviewAlert? alert)
    {
        Question = question;
        DoneReason = doneReason;
        Alert = alert;
    }

    /// <summary>Urgent or emergency advice that already holds, whatever the remaining answers; null below urgent.</summary>
    public InterviewAlert? Alert { get; }

    /// <summary>The question to ask; null exactly when <see cref="IsDone"/>.</summary>
    public InterviewQuestion? Question { get; }

    /// <summary>Why the interview is done; null while there is a question.</summary>
    public string? DoneReason { get; }

    [MemberNotNullWhen(false, nameof(Question))]
    [MemberNotNullWhen(true, nameof(DoneReason))]
    public bool IsDone => Question is null;

    public static InterviewStep Ask(InterviewQuestion question, InterviewAlert? alert = null) => new(question, null, alert);

    public static InterviewStep Finish(string reason, InterviewAlert? alert = null) => new(null, reason, alert);
}
