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

/// <summary>A question: one or more findings a person answers together, or a request for lab results.</summary>
public sealed record InterviewQuestion(
    string Id,
    QuestionKind Kind,
    string Text,
    IReadOnlyList<QuestionItem> Items,
    IReadOnlyList<string> Analytes,
    string Why);

/// <summary>The next question, or why the interview is done.</summary>
public sealed record InterviewStep
{
    private InterviewStep(InterviewQuestion? question, string? doneReason)
    {
        Question = question;
        DoneReason = doneReason;
    }

    /// <summary>The question to ask; null exactly when <see cref="IsDone"/>.</summary>
    public InterviewQuestion? Question { get; }

    /// <summary>Why the interview is done; null while there is a question.</summary>
    public string? DoneReason { get; }

    [MemberNotNullWhen(false, nameof(Question))]
    [MemberNotNullWhen(true, nameof(DoneReason))]
    public bool IsDone => Question is null;

    public static InterviewStep Ask(InterviewQuestion question) => new(question, null);

    public static InterviewStep Finish(string reason) => new(null, reason);
}
