using System.Globalization;
using System.Text;
using System.Text.Json;
using Calfwise.Knowledge;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Synth;
using Calfwise.Screening.Tests.Synth;
using Calfwise.Screening.Views;
using Calfwise.Testing.Screening;

namespace Calfwise.Screening.Tests.Views;

/// <summary>
/// The streaming reader of a view (straight off the UTF-8 bytes) gives exactly the general evaluator's rows: over
/// every resource of the labelled export and of a synthetic export, for every shipped view, and over hand-written
/// edge cases. Where it gives up, the resource goes to the general evaluator (checked here too).
/// </summary>
public sealed class StreamingViewTests : IDisposable
{
    private static readonly string[] ShippedFiles = ["patient.json", "observation-labs.json", "condition.json", "medication.json", "medication-statement.json", "procedure.json"];

    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-streaming-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CompiledView Shipped(string file) => CompiledView.Compile(ViewDefinition.Parse(ScreeningViews.Read(file)));

    [Fact]
    public void Every_shipped_view_streams()
    {
        foreach (var file in ShippedFiles)
        {
            Assert.True(Shipped(file).Streams, file);
        }
    }

    [Fact]
    public void The_labelled_export_gives_the_same_rows_streamed()
    {
        var export = Path.Combine(_root, "labelled");
        LabelledExport.Write(export);
        AssertSameRowsOver(export);
    }

    [Fact]
    public void A_synthetic_export_gives_the_same_rows_streamed()
    {
        var export = Directory.CreateDirectory(Path.Combine(_root, "synth")).FullName;
        new SynthExport(EmbeddedKnowledge.Instance).Write(new SynthOptions(150, 7, new DateOnly(2026, 6, 30)), export);
        AssertSameRowsOver(export);
    }

    /// <summary>Every line of every file through every shipped view: the same rows, and nearly every line streamed.</summary>
    private static void AssertSameRowsOver(string export)
    {
        var views = ShippedFiles.Select(Shipped).ToList();
        int streamed = 0, lines = 0;
        foreach (var path in Directory.GetFiles(export, "*.ndjson"))
        {
            foreach (var line in ExportFiles.Lines(path))
            {
                lines++;
                foreach (var view in views)
                {
                    streamed += AssertSame(view, line) ? 1 : 0;
                }
            }
        }

        Assert.True(lines > 100, $"{lines} lines");
        // A line streams only through the view of its own type; every resource of a shipped type should stream.
        var ofShippedTypes = Directory.GetFiles(export, "*.ndjson").Where(p => views.Any(v => Path.GetFileName(p).StartsWith(v.Resource + ".", StringComparison.Ordinal)))
            .Sum(p => ExportFiles.Lines(p).Count);
        Assert.Equal(ofShippedTypes, streamed);
    }

    /// <summary>The streamed rows equal the general rows when the line streams; true when it did.</summary>
    private static bool AssertSame(CompiledView view, string line)
    {
        var general = new List<object?[]>();
        string? thrown = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            view.Run(document.RootElement, general);
        }
        catch (Exception e) when (e is JsonException or ViewEvaluationException or FormatException)
        {
            thrown = e.GetType().Name;
        }

        var streamed = new List<object?[]> { new object?[] { "kept" } };
        var streams = view.TryRun(Encoding.UTF8.GetBytes(line), streamed);
        Assert.Equal("kept", streamed[0][0]);
        streamed.RemoveAt(0);
        if (!streams)
        {
            Assert.Empty(streamed);
            return false;
        }

        Assert.True(thrown is null, $"{view.Resource}: streamed a line the general evaluator refuses ({thrown}): {line}");
        Assert.Equal(Render(general), Render(streamed));
        return true;
    }

    /// <summary>Rows as text with each cell's type, so 1 and 1.0 and "1" differ.</summary>
    private static List<string> Render(List<object?[]> rows) =>
        rows.Select(row => string.Join(" | ", row.Select(cell => cell switch
        {
            null => "null",
            decimal d => $"decimal {d.ToString(CultureInfo.InvariantCulture)}",
            IFormattable f => $"{cell.GetType().Name} {f.ToString(null, CultureInfo.InvariantCulture)}",
            _ => $"{cell.GetType().Name} {cell}",
        }))).ToList();

    public static TheoryData<string, string, bool> EdgeCases() => new()
    {
        // view, resource, whether it must stream (false: it may go either way, the rows are checked when it streams)
        { "observation-labs.json", """{"resourceType":"Observation","id":"o1","status":"final","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://loinc.org","code":"2276-4"}]},"valueQuantity":{"value":12.50,"unit":"ng/mL"},"effectiveDateTime":"2026-01-02"}""", true },
        { "observation-labs.json", """{"effectiveDateTime":"2026-01-02","valueQuantity":{"unit":"ng/mL","value":1.2e1},"code":{"text":"x","coding":[{"code":"2276-4","system":"http://loinc.org","display":"Ferritin"},{"system":"http://snomed.info/sct","code":"1"}]},"subject":{"reference":"https://x.org/fhir/Patient/p1/_history/2"},"status":"final","id":"o2","resourceType":"Observation","unknown":{"deep":[[1,2],{"a":null}]}}""", true },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o3","code":{"coding":[{"system":"http://snomed.info/sct","code":"1"}]}}""", true },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o4","code":{"coding":[{"system":"http://loinc.org","code":"2276-4"},{"system":"http://loinc.org","code":"2498-4"}]},"valueQuantity":{"value":-0,"comparator":"<"},"issued":"2026-01-02T10:00:00Z"}""", true },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o\u0035","status":"fin\"al","code":{"coding":[{"system":"http:\/\/loinc.org","code":"2276-4","display":"Caf\u00e9"}]},"valueString":"high","effectivePeriod":{"start":"2026-01-01"}}""", true },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o6","code":{"coding":[{"system":"http://loinc.org","code":"2276-4"}]},"valueQuantity":{"value":1E400}}""", false },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o7","code":{"coding":[{"system":"http://loinc.org","code":"2276-4"}]},"value":{"value":1}}""", false },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o8","code":{"coding":[{"system":"http://loinc.org","code":"2276-4"}]},"valueQuantity":{"value":1},"valueString":"x"}""", false },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o9","id":"o10","code":{"coding":[{"system":"http://loinc.org","code":"1-8"}]}}""", false },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o11","status":["final","amended"],"code":{"coding":[{"system":"http://loinc.org","code":"1-8"}]}}""", false },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o12","status":{"a":1},"code":{"coding":[{"system":"http://loinc.org","code":"1-8"}]}}""", false },
        { "observation-labs.json", """{"resourceType":"Observation","id":["o13"],"subject":{"reference":7},"code":{"coding":[{"system":["http://loinc.org"],"code":"1-8"},{"system":"http://loinc.org","code":null}]},"valueQuantity":[{"value":3}]}""", true },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o14","code":{"coding":[{"system":"http://loinc.org","code":"1-8"}]}} x""", false },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o15","code":{"coding":[{"systemUri":"http://loinc.org","code":"1-8"}]}}""", false },
        { "observation-labs.json", """{"resourceType":"Patient","id":"p1"}""", false },
        { "observation-labs.json", """[1,2]""", false },
        { "observation-labs.json", """{"id":"o16"}""", false },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o17","code":{"coding":[{"system":"http://loinc.org","code":"1-8"}]},"valueQuantity":{"value":100000000000000000000000000000000}}""", false },
        // as deep as the system reader allows, deeper than the fast tokenizer goes: read again by the system reader
        { "observation-labs.json", """{"resourceType":"Observation","id":"o18","unknown":""" + new string('[', 63) + new string(']', 63) + ""","status":"final","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://loinc.org","code":"2276-4"}]},"valueQuantity":{"value":3}}""", true },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o19","unknown":""" + new string('[', 64) + new string(']', 64) + ""","code":{"coding":[{"system":"http://loinc.org","code":"2276-4"}]}}""", false },
        { "observation-labs.json", """{"resourceType":"Observation","id":"o20","code":{"coding":[{"system":"http://loinc.org","code":"2276-4"}]},"valueQuantity":{"value":01}}""", false },
        { "condition.json", """{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"},{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"resolved"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"32914008"},{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"G25.81"},{"system":"http://other","code":"x"}]},"onsetPeriod":{"start":"2020-01-01"},"recordedDate":"2020-02-02"}""", true },
        { "condition.json", """{"resourceType":"Condition","id":"c2","subject":{"reference":"Group/g1"},"code":{"coding":[]},"onsetDateTime":"2020"}""", true },
        { "condition.json", """{"resourceType":"Condition","id":"c3","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"1"}]},"onsetString":"childhood","abatementDateTime":"2021-01-01"}""", true },
        { "medication.json", """{"resourceType":"MedicationRequest","id":"m1","status":"active","subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"text":"Ferrous sulfate 325 MG","coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"1","display":"d"}]},"authoredOn":"2026-01-01"}""", true },
        { "medication.json", """{"resourceType":"MedicationRequest","id":"m2","status":"active","subject":{"reference":"Patient/p1"},"medicationReference":{"reference":"Medication/med1"}}""", true },
        { "medication.json", """{"resourceType":"MedicationRequest","id":"m3","medicationCodeableConcept":{"text":"x","coding":null}}""", true },
        { "medication-statement.json", """{"resourceType":"MedicationStatement","id":"s1","status":"active","subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"B03AA07"},{"system":"http://www.whocc.no/atc","code":"B03AA08"}]},"effectivePeriod":{"start":"2026-01-01","end":"2026-02-01"},"dateAsserted":"2026-03-01"}""", true },
        { "patient.json", """{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1970-05-06","deceasedBoolean":false}""", true },
        { "patient.json", """{"resourceType":"Patient","id":"p2","deceasedDateTime":"2025-01-01","name":[{"given":["A","B"]}],"extension":[{"url":"u","valueString":"s"}]}""", true },
        { "patient.json", """{ "resourceType" : "Patient" ,	"id" : "p3" , "gender" : null , "birthDate" : "1970" }""", true },
        { "patient.json", """{"resourceType":"Patient","id":"p4","deceasedBoolean":"true"}""", false },
        { "patient.json", """{"resourceType":"Patient","id":"p5","deceased":true}""", false },
        { "patient.json", """{"resourceType":"Patient","id":"p6","deceasedInteger":1}""", false },
        { "patient.json", """{"resourceType":"Patient","id":"p7","ge\u006eder":"male"}""", false },
        { "procedure.json", """{"resourceType":"Procedure","id":"x1","status":"completed","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"73761001"},{"code":"no-system"}]},"performedPeriod":{"start":"2024-01-01"}}""", true },
        { "procedure.json", """{"resourceType":"Procedure","id":"x2","code":{"coding":[{"system":"http://snomed.info/sct","code":"73761001","system":"again"}]}}""", false },
        { "procedure.json", """{"resourceType":"Procedure","id":"x3","code":{"coding":[[{"code":"1"}]]}}""", false },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void Edge_cases_stream_to_the_same_rows_or_go_to_the_general_evaluator(string view, string resource, bool mustStream)
    {
        var streamed = AssertSame(Shipped(view), resource);
        if (mustStream)
        {
            Assert.True(streamed, $"did not stream: {resource}");
        }
    }

    [Fact]
    public void A_column_left_out_is_null_and_the_others_are_the_same()
    {
        var view = Shipped("condition.json");
        var line = """{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"1","display":"D"}]}}"""u8;
        var all = new List<object?[]>();
        var some = new List<object?[]>();
        var filled = view.Columns.Select(c => c.Name != "display").ToArray();
        Assert.True(view.TryRun(line, all));
        Assert.True(view.TryRun(line, some, filled));
        var display = view.Columns.ToList().FindIndex(c => c.Name == "display");
        Assert.Equal("D", all[0][display]);
        Assert.Null(some[0][display]);
        some[0][display] = "D";
        Assert.Equal(Render(all), Render(some));
    }
}
