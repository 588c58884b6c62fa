using System.Text.Json;

namespace Calfwise.Core.Interview;

/// <summary>Writes the next step as <c>{"question": {...}}</c> or <c>{"done": true, "reason": ...}</c> (docs/interview.md).</summary>
public static class InterviewJson
{
    public static string Write(InterviewStep step) => JsonText.Write(writer => Write(writer, step));

    public static void Write(Utf8JsonWriter writer, InterviewStep step)
    {
        writer.WriteStartObject();
        if (step.Question is not { } question)
        {
            writer.WriteBoolean("done", true);
            writer.WriteString("reason", step.DoneReason);
            writer.WriteEndObject();
            return;
        }

        writer.WriteStartObject("question");
        writer.WriteString("id", question.Id);
        writer.WriteString("kind", question.Kind switch
        {
            QuestionKind.Opening => "opening",
            QuestionKind.RedFlag => "red-flag",
            QuestionKind.Labs => "labs",
            _ => "finding",
        });
        writer.WriteString("text", question.Text);
        writer.WriteString("why", question.Why);
        writer.WriteStartArray("findings");
        foreach (var item in question.Items)
        {
            writer.WriteStartObject();
            writer.WriteString("id", item.FindingId);
            writer.WriteString("text", item.Text);
            writer.WriteString("label", item.Label);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("analytes");
        foreach (var analyte in question.Analytes)
        {
            writer.WriteStringValue(analyte);
        }

        writer.WriteEndArray();
        writer.WriteString("answers", question.Kind == QuestionKind.Labs
            ? "Add the results to 'labs', or add this question's id to 'labsUnavailable'."
            : "Set each finding to true (yes), false (no) or null (don't know) in 'findings'.");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
