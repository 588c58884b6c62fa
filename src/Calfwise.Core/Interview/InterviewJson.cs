using Calfwise.Core.Contracts;

namespace Calfwise.Core.Interview;

/// <summary>Writes the next step as <c>{"question": {...}}</c> or <c>{"done": true, "reason": ...}</c> (docs/interview.md).</summary>
public static class InterviewJson
{
    public static string Write(InterviewStep step) => ContractJson.Write(Responses.From(step));
}
