using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Calfwise.Screening.Views;

namespace Calfwise.Benchmarks;

/// <summary>
/// SQL-on-FHIR views per resource, as a population screen runs them over millions of export lines: the compiled
/// view alone over a parsed resource, and what each NDJSON line costs in all (parse the UTF-8 line, run the view).
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives a runner type from each benchmark class and rejects sealed ones.</remarks>
[MemoryDiagnoser]
public class ViewBenchmarks
{
    private const string Observation =
        """
        {"resourceType":"Observation","id":"ferritin-1","meta":{"lastUpdated":"2024-03-01T09:00:00Z"},"status":"final",
         "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
         "code":{"coding":[{"system":"http://loinc.org","code":"2276-4","display":"Ferritin [Mass/volume] in Serum or Plasma"},{"system":"http://snomed.info/sct","code":"489004"}],"text":"Ferritin"},
         "subject":{"reference":"Patient/p1"},"effectiveDateTime":"2024-03-01T08:30:00Z","issued":"2024-03-01T10:00:00Z",
         "valueQuantity":{"value":28.0,"unit":"ng/mL","system":"http://unitsofmeasure.org","code":"ng/mL"},
         "referenceRange":[{"low":{"value":30,"unit":"ng/mL"},"high":{"value":400,"unit":"ng/mL"}}]}
        """;

    private const string Patient =
        """{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1980-05-01","deceasedBoolean":false,"name":[{"family":"Doe","given":["Jane"]}]}""";

    private readonly CompiledView _labs = Load("observation-labs.json");
    private readonly CompiledView _patients = Load("patient.json");
    private readonly JsonDocument _observation = JsonDocument.Parse(Observation);
    private readonly JsonDocument _patient = JsonDocument.Parse(Patient);
    private readonly byte[] _observationLine = Encoding.UTF8.GetBytes(Observation.ReplaceLineEndings(""));
    private readonly List<object?[]> _rows = [];

    [Benchmark]
    public int LabsViewOverParsedObservation()
    {
        _rows.Clear();
        _labs.Run(_observation.RootElement, _rows);
        return _rows.Count;
    }

    [Benchmark]
    public int PatientViewOverParsedPatient()
    {
        _rows.Clear();
        _patients.Run(_patient.RootElement, _rows);
        return _rows.Count;
    }

    [Benchmark]
    public int LabsViewOverNdjsonLine()
    {
        _rows.Clear();
        using var document = JsonDocument.Parse(_observationLine);
        _labs.Run(document.RootElement, _rows);
        return _rows.Count;
    }

    private static CompiledView Load(string name) =>
        CompiledView.Compile(ViewDefinition.Parse(File.ReadAllText(RepositoryRoot.PathOf("knowledge", "views", name))));
}
