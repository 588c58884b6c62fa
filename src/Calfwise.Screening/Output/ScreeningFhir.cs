using System.Text.Json;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Output;

/// <summary>
/// The screening as FHIR R4 resources: a Group per rule listing the patients it found (Group.ndjson, one Group per
/// line, as a bulk export would hold it) and one MeasureReport summarising every rule with age band and sex strata.
/// Written with a JSON writer, not the FHIR model, so a million members stream through without being held.
/// </summary>
public static class ScreeningFhir
{
    /// <summary>Calfwise's canonical base (the same as the FHIR mapping's; a test holds the two equal).</summary>
    public const string CalfwiseBase = "https://calfwise.example/fhir";

    public const string MeasureUrl = CalfwiseBase + "/Measure/population-screening";

    private const string MeasurePopulation = "http://terminology.hl7.org/CodeSystem/measure-population";

    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    /// <summary>Writes one Group per rule to <paramref name="path"/> from the rows in output order.</summary>
    public static void WriteGroups(string path, IEnumerable<HitRow> rows, AssessCounts counts, string workDirectory)
    {
        var parts = ScreeningRules.All.ToDictionary(r => r.Id, r => Path.Combine(workDirectory, $"group-{r.Id}.json"));
        var writers = new Dictionary<string, (Stream Stream, Utf8JsonWriter Json)>(StringComparer.Ordinal);
        try
        {
            foreach (var rule in ScreeningRules.All)
            {
                var stream = new BufferedStream(File.Create(parts[rule.Id]), 1 << 16);
                var json = new Utf8JsonWriter(stream, Compact);
                writers[rule.Id] = (stream, json);
                StartGroup(json, rule, counts.Hits.Where(h => h.Key.StartsWith(rule.Id + "|", StringComparison.Ordinal)).Sum(h => h.Value));
            }

            var last = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (last.GetValueOrDefault(row.RuleId) == row.PatientId)
                {
                    continue; // one member per patient, however many results made the rule fire
                }

                last[row.RuleId] = row.PatientId;
                var json = writers[row.RuleId].Json;
                json.WriteStartObject();
                json.WriteStartObject("entity");
                json.WriteString("reference", $"Patient/{row.PatientId}");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            foreach (var (_, json) in writers.Values)
            {
                json.WriteEndArray();
                json.WriteEndObject();
                json.Flush();
            }
        }
        finally
        {
            foreach (var (stream, json) in writers.Values)
            {
                json.Dispose();
                stream.Dispose();
            }
        }

        using var output = new FileStream(path, FileMode.Create);
        foreach (var rule in ScreeningRules.All)
        {
            using (var part = File.OpenRead(parts[rule.Id]))
            {
                part.CopyTo(output);
            }

            output.WriteByte((byte)'\n');
            File.Delete(parts[rule.Id]);
        }
    }

    private static void StartGroup(Utf8JsonWriter json, ScreeningRule rule, long members)
    {
        json.WriteStartObject();
        json.WriteString("resourceType", "Group");
        json.WriteString("id", rule.Id);
        json.WriteStartArray("identifier");
        json.WriteStartObject();
        json.WriteString("system", $"{CalfwiseBase}/screening-rule");
        json.WriteString("value", rule.Id);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteBoolean("active", true);
        json.WriteString("type", "person");
        json.WriteBoolean("actual", true);
        json.WriteStartObject("code");
        json.WriteString("text", rule.Title);
        json.WriteEndObject();
        json.WriteString("name", rule.Title);
        json.WriteNumber("quantity", members);
        json.WriteStartArray("member");
    }

    /// <summary>The MeasureReport: per rule the population screened (initial population and denominator) and the patients found (numerator), by age band and sex.</summary>
    public static void WriteMeasureReport(string path, AssessCounts counts, DateOnly asOf)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("resourceType", "MeasureReport");
        json.WriteString("id", "population-screening");
        json.WriteString("status", "complete");
        json.WriteString("type", "summary");
        json.WriteString("measure", MeasureUrl);
        json.WriteString("date", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartObject("period");
        json.WriteString("start", asOf.AddDays(-RecordCase.LabWindowDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("end", asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteStartArray("group");
        foreach (var rule in ScreeningRules.All)
        {
            json.WriteStartObject();
            json.WriteStartObject("code");
            WriteCoding(json, $"{CalfwiseBase}/CodeSystem/screening-rule", rule.Id, rule.Title);
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            WritePopulations(json, counts.Screened.Values.Sum(), Found(counts, rule.Id, _ => true));
            json.WriteStartArray("stratifier");
            foreach (var (name, part) in new (string, int)[] { ("age band", 1), ("sex", 2) })
            {
                json.WriteStartObject();
                json.WriteStartArray("code");
                json.WriteStartObject();
                json.WriteString("text", name);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartArray("stratum");
                foreach (var value in counts.Screened.Keys.Select(k => k.Split('|')[part - 1]).Distinct().Order(StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    json.WriteStartObject("value");
                    json.WriteString("text", value);
                    json.WriteEndObject();
                    var screened = counts.Screened.Where(s => s.Key.Split('|')[part - 1] == value).Sum(s => s.Value);
                    WritePopulations(json, screened, Found(counts, rule.Id, k => k.Split('|')[part] == value));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static long Found(AssessCounts counts, string rule, Func<string, bool> stratum) =>
        counts.Hits.Where(h => h.Key.StartsWith(rule + "|", StringComparison.Ordinal) && stratum(h.Key)).Sum(h => h.Value);

    private static void WritePopulations(Utf8JsonWriter json, long screened, long found)
    {
        json.WriteStartArray("population");
        foreach (var (code, display, count) in new[] { ("initial-population", "Initial Population", screened), ("denominator", "Denominator", screened), ("numerator", "Numerator", found) })
        {
            json.WriteStartObject();
            json.WriteStartObject("code");
            WriteCoding(json, MeasurePopulation, code, display);
            json.WriteEndObject();
            json.WriteNumber("count", count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (screened > 0)
        {
            json.WriteStartObject("measureScore");
            json.WriteNumber("value", Math.Round((decimal)found / screened, 6));
            json.WriteEndObject();
        }
    }

    private static void WriteCoding(Utf8JsonWriter json, string system, string code, string display)
    {
        json.WriteStartArray("coding");
        json.WriteStartObject();
        json.WriteString("system", system);
        json.WriteString("code", code);
        json.WriteString("display", display);
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
