using Calfwise.Knowledge;
using Calfwise.Screening;
using Calfwise.Screening.Output;
using Calfwise.Testing.Screening;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Calfwise.Fhir.Tests;

/// <summary>The FHIR resources population screening writes (a Group per rule, the MeasureReport) validate against base R4 with zero errors.</summary>
public sealed class ScreeningFhirValidationTests(FhirValidatorFixture validator) : IClassFixture<FhirValidatorFixture>, IDisposable
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-screening-fhir-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async System.Threading.Tasks.Task Groups_and_the_measure_report_validate_with_zero_errors()
    {
        var export = Path.Combine(_root, "export");
        LabelledExport.Write(export);
        var output = Path.Combine(_root, "out");
        await ScreeningJob.RunAsync(new ScreeningOptions(export, output, LabelledExport.AsOf), EmbeddedKnowledge.Instance);

        var groups = File.ReadAllLines(Path.Combine(output, "Group.ndjson")).Select(line => Deserializer.Deserialize<Group>(line)).ToList();
        var report = Deserializer.Deserialize<MeasureReport>(File.ReadAllText(Path.Combine(output, "measure-report.json")));

        Assert.Equal(7, groups.Count);
        Assert.All(groups, g => Assert.Equal(g.Quantity, g.Member.Count));
        Assert.Contains(groups, g => g.Member.Count > 0);
        Assert.Equal(ScreeningFhir.CalfwiseBase, FhirSystems.CalfwiseBase);
        var errors = groups.Cast<Resource>().Append(report).SelectMany(validator.Errors).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
    }
}
