using System.Text;
using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Screening.Synth;
using static Calfwise.Fhir.Tests.FhirTestData;

namespace Calfwise.Fhir.Tests;

/// <summary>
/// A sample of the synthetic export, each patient's resources put in a Bundle, is read by the case reader without
/// errors: valid R4, every lab in a unit it accepts, dated, and a case the validator takes.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)] // writes and reads back a 400-patient export
public sealed class SynthRoundTripTests
{
    [Fact]
    public void Every_sampled_patient_is_read_as_a_valid_case_with_nothing_invalid_or_unreadable()
    {
        var directory = Directory.CreateTempSubdirectory("calfwise-synth-fhir-").FullName;
        try
        {
            new SynthExport(Kb).Write(new SynthOptions(400, 21, TestDates.Today) { Noise = NoiseLevel.Low }, directory);
            var byPatient = Directory.GetFiles(directory, "*.ndjson").SelectMany(File.ReadLines)
                .GroupBy(PatientOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var sample = byPatient.Where(p => p.Value.Any(l => l.Contains("synthetic-scenario", StringComparison.Ordinal))).Concat(byPatient.Take(60)).ToList();
            var labsRead = 0;

            foreach (var (patient, lines) in sample)
            {
                var read = new FhirCaseReader(Kb, Clock).Read(Bundle(lines));

                Assert.True(read.IsSuccess, $"{patient}: {string.Join("; ", read.Errors)}");
                Assert.DoesNotContain(read.Value!.Unmapped, u => u.Reason is UnmappedReason.InvalidFhir or UnmappedReason.UnitNotAccepted or UnmappedReason.NoValue or UnmappedReason.NoDate);
                var validated = CaseValidator.Validate(read.Value.Case, Kb, Clock);
                Assert.True(validated.IsSuccess, $"{patient}: {string.Join("; ", validated.Errors)}");
                labsRead += read.Value.Case.Labs.Count;
            }

            Assert.True(sample.Count > 60, $"{sample.Count} patients sampled");
            Assert.True(labsRead > 100, $"{labsRead} labs read");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string PatientOf(string line)
    {
        using var resource = JsonDocument.Parse(line);
        var root = resource.RootElement;
        return root.GetProperty("resourceType").GetString() switch
        {
            "Patient" => "Patient/" + root.GetProperty("id").GetString(),
            "Claim" => root.GetProperty("patient").GetProperty("reference").GetString()!,
            _ => root.GetProperty("subject").GetProperty("reference").GetString()!,
        };
    }

    private static string Bundle(IEnumerable<string> resources)
    {
        var json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        json.AppendJoin(',', resources.Select(r => "{\"resource\":" + r + "}"));
        return json.Append("]}").ToString();
    }
}
