using System.Text.Json;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Engine;

/// <summary>Writes an assessment as the JSON contract of docs/case-format.md, shared by the CLI and the web API.</summary>
public static class AssessmentJson
{
    public static string Write(Assessment assessment) => JsonText.Write(writer => Write(writer, assessment));

    public static void Write(Utf8JsonWriter writer, Assessment assessment)
    {
        writer.WriteStartObject();

        writer.WriteStartObject("triage");
        writer.WriteString("level", assessment.Triage.Level.ToId());
        writer.WriteString("advice", assessment.Triage.Advice);
        Strings(writer, "reasons", assessment.Triage.Reasons);
        writer.WriteEndObject();

        writer.WriteStartArray("redFlags");
        foreach (var flag in assessment.RedFlags)
        {
            writer.WriteStartObject();
            writer.WriteString("id", flag.Id);
            writer.WriteString("level", flag.Level.ToId());
            writer.WriteString("text", flag.Text);
            Strings(writer, "sources", flag.Sources);
            if (flag.ConditionId is { } condition)
            {
                writer.WriteString("condition", condition);
            }

            if (flag.NotRuledOut.Count > 0)
            {
                Strings(writer, "notRuledOut", flag.NotRuledOut);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("differential");
        foreach (var condition in assessment.Differential)
        {
            writer.WriteStartObject();
            writer.WriteString("condition", condition.Id);
            writer.WriteString("name", condition.Name);
            writer.WriteNumber("probability", Math.Round(condition.Probability, 4));
            writer.WriteNumber("prior", condition.Prior);
            writer.WriteString("triage", condition.Triage.ToId());
            writer.WriteStartArray("evidence");
            foreach (var item in condition.Evidence)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", item.Kind.ToString().ToLowerInvariant());
                writer.WriteString("id", item.Id);
                writer.WriteString("label", item.Label);
                writer.WriteNumber("likelihoodRatio", item.LikelihoodRatio);
                writer.WriteString("source", item.Source);
                writer.WriteString("grade", item.Grade.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("labs");
        foreach (var lab in assessment.Labs)
        {
            WriteLab(writer, lab);
        }

        writer.WriteEndArray();

        writer.WriteStartObject("iron");
        writer.WriteString("plan", assessment.Iron.Plan.ToId());
        writer.WriteString("explanation", assessment.Iron.Explanation);
        NullableBool(writer, "inflammation", assessment.Iron.Inflammation);
        NullableBool(writer, "anemia", assessment.Iron.Anemia);
        NullableBool(writer, "severeAnemia", assessment.Iron.SevereAnemia);
        Strings(writer, "sources", assessment.Iron.Sources);
        writer.WriteEndObject();

        writer.WriteStartObject("criteria");
        writer.WriteStartObject("irlssg");
        writer.WriteString("status", assessment.Criteria.Status.ToId());
        writer.WriteBoolean("relevant", assessment.Criteria.Relevant);
        writer.WriteString("source", assessment.Criteria.Source);
        writer.WriteStartArray("criteria");
        foreach (var criterion in assessment.Criteria.Criteria)
        {
            writer.WriteStartObject();
            writer.WriteNumber("number", criterion.Number);
            writer.WriteString("text", criterion.Text);
            writer.WriteString("status", criterion.Status.ToId());
            writer.WriteString("note", criterion.Note);

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        if (assessment.Irls is { } irls)
        {
            writer.WriteStartObject("irls");
            writer.WriteNumber("total", irls.Total);
            writer.WriteNumber("max", irls.Max);
            writer.WriteString("band", irls.Band);
            writer.WriteString("source", irls.Source);
            writer.WriteString("licence", irls.LicenceNote);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();

        writer.WriteStartArray("recommendations");
        foreach (var recommendation in assessment.Recommendations)
        {
            writer.WriteStartObject();
            writer.WriteString("id", recommendation.Id);
            writer.WriteString("kind", recommendation.Kind.ToId());
            writer.WriteString("title", recommendation.Title);
            writer.WriteString("text", recommendation.Text);
            writer.WriteStartArray("sources");
            foreach (var source in recommendation.Sources)
            {
                writer.WriteStartObject();
                writer.WriteString("id", source.Id);
                writer.WriteString("citation", source.Citation);
                writer.WriteString("url", source.Url);
                writer.WriteString("grade", source.Grade.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        Strings(writer, "warnings", assessment.Warnings);
        writer.WriteString("disclaimer", assessment.Disclaimer);
        writer.WriteEndObject();
    }

    /// <summary>Writes lab results alone, for quick readings.</summary>
    public static string WriteLabs(IReadOnlyList<LabResult> labs) => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("labs");
        foreach (var lab in labs)
        {
            WriteLab(writer, lab);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void WriteLab(Utf8JsonWriter writer, LabResult lab)
    {
        writer.WriteStartObject();
        writer.WriteString("analyte", lab.Analyte);
        writer.WriteString("name", lab.Name);
        writer.WriteString("loinc", lab.Loinc);
        writer.WriteNumber("value", lab.Value);
        writer.WriteString("unit", lab.Unit);
        writer.WriteNumber("canonicalValue", lab.CanonicalValue);
        writer.WriteString("canonicalUnit", lab.CanonicalUnit);
        writer.WriteString("status", lab.Status.ToId());
        NullableNumber(writer, "low", lab.Low);
        NullableNumber(writer, "high", lab.High);
        writer.WriteString("rangeSource", lab.RangeSource);
        writer.WriteBoolean("derived", lab.Derived);
        writer.WriteString("note", lab.Note);

        writer.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void NullableBool(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } b)
        {
            writer.WriteBoolean(name, b);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void NullableNumber(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } d)
        {
            writer.WriteNumber(name, d);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
