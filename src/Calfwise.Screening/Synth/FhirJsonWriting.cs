using System.Globalization;
using System.Text.Json;

namespace Calfwise.Screening.Synth;

/// <summary>The FHIR data types the generator writes, as small writer extensions.</summary>
internal static class FhirJsonWriting
{
    public static string Instant(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void WriteReference(this Utf8JsonWriter json, JsonEncodedText name, string reference)
    {
        json.WriteStartObject(name);
        json.WriteString(FhirNames.Reference, reference);
        json.WriteEndObject();
    }

    public static void WriteCoding(this Utf8JsonWriter json, string system, string code, string? display = null)
    {
        json.WriteStartObject();
        json.WriteString(FhirNames.System, system);
        json.WriteString(FhirNames.Code, code);
        if (display is not null)
        {
            json.WriteString(FhirNames.Display, display);
        }

        json.WriteEndObject();
    }

    /// <summary>A CodeableConcept with one coding and optional text, as the named element.</summary>
    public static void WriteConcept(this Utf8JsonWriter json, JsonEncodedText name, string system, string code, string? display = null, string? text = null)
    {
        json.WriteStartObject(name);
        json.WriteConceptBody(system, code, display, text);
        json.WriteEndObject();
    }

    /// <summary>The same inside an array (a category list).</summary>
    public static void WriteConceptList(this Utf8JsonWriter json, JsonEncodedText name, string system, string code, string? display = null)
    {
        json.WriteStartArray(name);
        json.WriteStartObject();
        json.WriteConceptBody(system, code, display, null);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteConceptBody(this Utf8JsonWriter json, string system, string code, string? display, string? text)
    {
        json.WriteStartArray(FhirNames.Coding);
        json.WriteCoding(system, code, display);
        json.WriteEndArray();
        if (text is not null)
        {
            json.WriteString(FhirNames.Text, text);
        }
    }

    public static void WriteQuantity(this Utf8JsonWriter json, JsonEncodedText name, decimal value, string ucum)
    {
        json.WriteStartObject(name);
        json.WriteNumber(FhirNames.Value, value);
        json.WriteString(FhirNames.Unit, ucum);
        json.WriteString(FhirNames.System, FhirNames.Ucum);
        json.WriteString(FhirNames.Code, ucum);
        json.WriteEndObject();
    }
}
