using System.Text.Json;

namespace Calfwise.Screening.Synth;

/// <summary>
/// The Bulk Data Access <c>$export</c> completion manifest (transactionTime, request, requiresAccessToken, output with
/// type, url and count, error), written as manifest.json beside the files so tools that read exports can read this
/// one. Each url is the file's name, relative to the manifest. The generator's settings go in the manifest's
/// extension, so an export says how to make it again.
/// </summary>
internal static class ExportManifest
{
    public const string FileName = "manifest.json";

    /// <summary>The kick-off request a server would have been sent (a placeholder base: no server made these files).</summary>
    public const string Request = "https://calfwise.example/fhir/$export";

    public static void Write(string directory, SynthOptions options, IReadOnlyList<ExportFile> files)
    {
        using var stream = new FileStream(Path.Combine(directory, FileName), FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("transactionTime", FhirJsonWriting.Instant(new DateTimeOffset(options.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        json.WriteString("request", Request);
        json.WriteBoolean("requiresAccessToken", false);
        json.WriteStartArray("output");
        foreach (var file in files)
        {
            json.WriteStartObject();
            json.WriteString("type", file.ResourceType);
            json.WriteString("url", file.FileName);
            json.WriteNumber("count", file.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("error");
        json.WriteEndArray();
        json.WriteStartObject("extension");
        json.WriteStartObject("https://calfwise.example/fhir/synthetic-export");
        json.WriteNumber("patients", options.Patients);
        json.WriteNumber("seed", options.Seed);
        json.WriteString("asOf", FhirJsonWriting.Date(options.AsOf));
        json.WriteString("noise", options.Noise == NoiseLevel.Realistic ? "realistic" : "low");
        json.WriteNumber("patientsPerFile", options.PatientsPerFile);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }
}
