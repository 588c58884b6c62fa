using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Calfwise.Core.Contracts;

/// <summary>The next interview step (docs/interview.md): <c>{"question": {...}}</c> or <c>{"done": true, "reason": ...}</c>.</summary>
[Description("The next question, or done with a reason (docs/interview.md).")]
public sealed record NextQuestionResponse
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public QuestionResponse? Question { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("true when there is nothing more worth asking.")]
    public bool? Done { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Urgent or emergency advice that already holds, to show now (with the question or the finish); absent below urgent.")]
    public AlertResponse? Alert { get; init; }
}

public sealed record AlertResponse(
    [property: Description("urgent or emergency.")] string Level,
    [property: Description("The red flags (or triage) behind the advice: a caller shows the advice again only when these change.")] IReadOnlyList<string> Ids,
    IReadOnlyList<string> Advice);

public sealed record QuestionResponse(
    string Id,
    [property: Description("opening, red-flag, finding or labs.")] string Kind,
    string Text,
    string Why,
    IReadOnlyList<QuestionFindingResponse> Findings,
    IReadOnlyList<string> Analytes,
    [property: Description("How to answer in the case.")] string Answers)
{
    [Description("Asked as \"which of these apply?\": a ticked finding is true, the rest false.")]
    public bool Checklist { get; init; }

    [Description("\"Not sure\" (null in 'findings') is offered for each finding.")]
    public bool NotSure { get; init; }
}

public sealed record QuestionFindingResponse(string Id, string Text, string Label);
