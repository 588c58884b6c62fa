using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Cases;

/// <summary>Writing a case in the format it is read.</summary>
public static partial class CaseJson
{
    /// <summary>Writes a case in the same format it is read, for saving an interview or handing it to another program.</summary>
    public static string Write(PatientCase patient) => JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("age", patient.Age);
            writer.WriteString("sex", patient.Sex == Sex.Female ? "female" : "male");
            if (patient.Pregnant is { } pregnant)
            {
                writer.WriteBoolean("pregnant", pregnant);
            }

            if (patient.Trimester is { } trimester)
            {
                writer.WriteNumber("trimester", trimester);
            }

            writer.WriteStartObject("findings");
            foreach (var (id, answer) in patient.Findings.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WriteBoolean(id, answer);
            }

            foreach (var id in patient.DontKnow.Order(StringComparer.Ordinal))
            {
                writer.WriteNull(id);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("medications");
            foreach (var medication in patient.Medications)
            {
                writer.WriteStringValue(medication);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("labs");
            foreach (var lab in patient.Labs)
            {
                writer.WriteStartObject();
                writer.WriteString("analyte", lab.Analyte);
                writer.WriteNumber("value", lab.Value);
                writer.WriteString("unit", lab.Unit);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (patient.Irls is { } irls)
            {
                writer.WriteStartObject("instruments");
                writer.WriteStartArray("irls");
                foreach (var score in irls)
                {
                    writer.WriteNumberValue(score);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            if (patient.LabsUnavailable.Count > 0)
            {
                writer.WriteStartArray("labsUnavailable");
                foreach (var id in patient.LabsUnavailable.Order(StringComparer.Ordinal))
                {
                    writer.WriteStringValue(id);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        });
}
