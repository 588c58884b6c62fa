using System.Text;
using System.Text.Json;
using Calfwise.Knowledge;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Synth;
using Calfwise.Screening.Tests.Synth;
using Calfwise.Testing.Screening;

namespace Calfwise.Screening.Tests.Pipeline;

/// <summary>
/// A resource read straight off its bytes (the streamed cells; for an Observation, its lab written from the line's
/// bytes) goes into the bucket files as exactly the bytes its fact gives when read through a JsonDocument, or is
/// skipped for the same reason: over the labelled export, a synthetic export and hand-written edge cases.
/// </summary>
public sealed class StreamedFactsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-streamed-facts-").FullName;
    private readonly FactMapper _mapper = new(EmbeddedKnowledge.Instance);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Ferritin = "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2276-4\"}]}";

    public static TheoryData<string> Observations() => new()
    {
        $$$"""{"resourceType":"Observation","id":"o1","status":"final",{{{Ferritin}}},"subject":{"reference":"Patient/p1"},"valueQuantity":{"value":12.50,"system":"http://unitsofmeasure.org","code":"ng/mL"},"effectiveDateTime":"2026-01-02T10:00:00Z"}""",
        $$$"""{"resourceType":"Observation","id":"o\u00e91","status":"final",{{{Ferritin}}},"subject":{"reference":"Patient\/p\u00e9"},"valueQuantity":{"value":30,"system":"http://unitsofmeasure.org","code":"ng/mL"},"effectiveDateTime":"2026-01-0\u0032"}""",
        $$$"""{"resourceType":"Observation","id":"oé2","status":"amended",{{{Ferritin}}},"subject":{"reference":"https://x.org/fhir/Patient/pé/_history/3"},"valueQuantity":{"value":3e1,"unit":"ng/mL"},"issued":"2026-02-03T00:00:00Z"}""",
        $$$"""{"resourceType":"Observation","id":"o3","status":"final",{{{Ferritin}}},"subject":{"reference":"Patient/p1"},"valueQuantity":{"value":5,"comparator":"<","system":"http://unitsofmeasure.org","code":"ng/mL"},"effectiveDateTime":"2026-01-02"}""",
        $$$"""{"resourceType":"Observation","id":"o4","status":"cancelled",{{{Ferritin}}},"subject":{"reference":"Patient/p1"},"valueQuantity":{"value":5,"system":"http://unitsofmeasure.org","code":"ng/mL"},"effectiveDateTime":"2026-01-02"}""",
        $$$"""{"resourceType":"Observation","id":"o5","status":"final",{{{Ferritin}}},"subject":{"reference":"Patient/p1"},"valueQuantity":{"value":5,"system":"http://unitsofmeasure.org","code":"ng/mL"}}""",
        $$$"""{"resourceType":"Observation","id":"o6","status":"final",{{{Ferritin}}},"subject":{"reference":"Group/g1"},"valueQuantity":{"value":5,"system":"http://unitsofmeasure.org","code":"ng/mL"},"effectivePeriod":{"start":"2026-01-02"}}""",
        $$$"""{"resourceType":"Observation","id":"o7","status":"final",{{{Ferritin}}},"subject":{"reference":"Patient/p1"},"valueQuantity":{"value":5,"system":"http://unitsofmeasure.org","code":"furlongs"},"effectiveDateTime":"2026-01-02"}""",
        """{"resourceType":"Observation","id":"o8","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"},{"system":"http://loinc.org","code":"2823-3"}]},"subject":{"reference":"Patient/p2"},"valueQuantity":{"value":6.1,"system":"http://unitsofmeasure.org","code":"mmol/L"},"effectiveDateTime":"2026-13-02","issued":"2026-03-04"}""",
        """{"resourceType":"Observation","id":"o9","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/p2"},"valueQuantity":{"value":60},"effectiveDateTime":"2026-01-02"}""",
        $$$"""{"resourceType":"Observation","status":"final",{{{Ferritin}}},"subject":{"reference":"Patient/p1"},"valueQuantity":{"value":5,"unit":"ng/mL"},"effectiveDateTime":"2026-01-02"}""",
        $$$"""{"resourceType":"Observation","id":"o10","status":"final",{{{Ferritin}}},"subject":{"reference":"Patient/p1"},"valueQuantity":{"value":"5","unit":"ng/mL"},"effectiveDateTime":"2026-01-02"}""",
    };

    [Theory]
    [MemberData(nameof(Observations))]
    public void An_observation_streams_to_the_bytes_of_its_fact(string line) => Assert.True(AssertSame(line, "Observation"));

    [Theory]
    [InlineData("labelled")]
    [InlineData("synthetic")]
    public void Every_resource_of_an_export_streams_to_the_same_fact(string kind)
    {
        var export = Directory.CreateDirectory(Path.Combine(_root, kind)).FullName;
        if (kind == "labelled")
        {
            LabelledExport.Write(export);
        }
        else
        {
            new SynthExport(EmbeddedKnowledge.Instance).Write(new SynthOptions(150, 11, new DateOnly(2026, 6, 30)), export);
        }

        AssertSameOver(export);
    }

    private void AssertSameOver(string export)
    {
        var streamed = 0;
        var facts = 0;
        foreach (var path in Directory.GetFiles(export, "*.ndjson"))
        {
            var type = Path.GetFileName(path).Split('.')[0];
            if (ScreeningViews.Shipped.ResourceTypes.Contains(type))
            {
                foreach (var line in ExportFiles.Lines(path))
                {
                    streamed += AssertSame(line, type) ? 1 : 0;
                    facts++;
                }
            }
        }

        Assert.True(facts > 100 && streamed == facts, $"{streamed} of {facts} resources streamed");
    }

    /// <summary>The same bucket bytes (or skip reason) streamed and through a JsonDocument; true when the line streamed.</summary>
    private bool AssertSame(string line, string type)
    {
        var reader = ScreeningViews.Shipped.ReaderFor(type, _mapper)!;
        using var document = JsonDocument.Parse(line);
        var expected = Written(reader.Map(document.RootElement));
        if (!reader.TryRead(Encoding.UTF8.GetBytes(line)))
        {
            return false;
        }

        string actual;
        if (type != "Observation")
        {
            actual = Written(reader.MapRead());
        }
        else if (reader.Rows.Count == 0)
        {
            actual = "skipped NotBound";
        }
        else if (_mapper.ReadLab(reader.Rows, out var lab) is { } why)
        {
            actual = $"skipped {why}";
        }
        else
        {
            actual = Bytes(writer => FactCodec.WriteLab(writer, reader.Rows, lab));
        }

        Assert.Equal(expected, actual);
        return true;
    }

    private static string Written(FactMapper.Mapped mapped) =>
        mapped.Fact is null || mapped.PatientId is null ? $"skipped {mapped.Skipped ?? SkipReason.NotBound}" : Bytes(writer => FactCodec.Write(writer, mapped.PatientId, mapped.Fact));

    private static string Bytes(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return Convert.ToHexString(stream.ToArray());
    }
}
