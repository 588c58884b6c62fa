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
}

public sealed record QuestionResponse(
    string Id,
    [property: Description("opening, red-flag, finding or labs.")] string Kind,
    string Text,
    string Why,
    IReadOnlyList<QuestionFindingResponse> Findings,
    IReadOnlyList<string> Analytes,
    [property: Description("How to answer in the case.")] string Answers);

public sealed record QuestionFindingResponse(string Id, string Text, string Label);
