using System.Globalization;
using Hl7.Fhir.Model;
using static Calfwise.Fhir.Tests.FhirTestData;

namespace Calfwise.Fhir.Tests;

/// <summary>
/// A record shaped like an EHR export or a Synthea patient: years of encounters, claims, vital signs and repeated labs.
/// It is read without error, the most recent result in the window is used, and every other resource is listed.
/// </summary>
public sealed class RecordLikeBundleTests
{
    [Fact]
    public void A_large_patient_record_is_read_and_everything_not_used_is_listed()
    {
        var resources = new List<Resource> { Patient() };
        var start = TestDates.Today.AddYears(-3);
        for (var month = 0; month <= 36; month++)
        {
            var day = start.AddMonths(month).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            resources.Add(new Encounter { Id = $"enc-{month}", Status = Encounter.EncounterStatus.Finished, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"), Subject = new ResourceReference("Patient/p1") });
            resources.Add(new Claim { Id = $"claim-{month}", Status = FinancialResourceStatusCodes.Active, Use = ClaimUseCode.Claim, Created = day, Patient = new ResourceReference("Patient/p1") });
            resources.Add(Lab($"hr-{month}", "8867-4", 70 + (month % 5), "/min", day)); // heart rate: a vital sign Calfwise does not read
            resources.Add(Lab($"bp-{month}", "8480-6", 120 + (month % 7), "mm[Hg]", day)); // systolic blood pressure
            resources.Add(Lab($"na-{month}", month % 2 == 0 ? "2951-2" : "2947-0", 136 + (month % 4), "mmol/L", day)); // serum and blood sodium in turn
            resources.Add(Lab($"k-{month}", "2823-3", 4.0m + (month % 3 / 10m), "meq/L", day));
        }

        resources.Add(Condition("dm", "http://snomed.info/sct", "73211009"));
        resources.Add(Condition("dm2", "http://snomed.info/sct", "44054006")); // type 2 diabetes: a child concept, not bound (SNOMED CT matches exactly)
        resources.Add(new Procedure { Id = "proc", Status = EventStatus.Completed, Subject = new ResourceReference("Patient/p1") });

        var read = Read([.. resources]);

        Assert.Equal(["sodium", "potassium"], read.Case.Labs.Select(l => l.Analyte));
        Assert.All(read.Case.Labs, l => Assert.Equal(TestDates.Today, l.Date));
        Assert.Equal(true, read.Case.Answer("diabetes"));
        // The claims are thin (required elements missing): read all the same, each problem listed with its place.
        var invalid = read.Unmapped.Where(u => u.Reason == UnmappedReason.InvalidFhir).ToList();
        Assert.NotEmpty(invalid);
        Assert.All(invalid, u => Assert.IsType<Claim>(Entry(resources, u.Reference)));
        var listed = read.Unmapped.Except(invalid).Select(u => u.Reference).ToHashSet(StringComparer.Ordinal);
        var used = resources.Select(r => $"{r.TypeName}/{r.Id}").Where(r => !listed.Contains(r)).ToList();
        Assert.Equal(["Patient/p1", "Observation/na-36", "Observation/k-36", "Condition/dm"], used);
        Assert.Equal(resources.Count - used.Count, listed.Count);
        Assert.Equal(2 * 12, read.Unmapped.Count(u => u.Reason == UnmappedReason.Superseded)); // the other results of the last 365 days
    }

    /// <summary>The resource at <c>Bundle.entry[N]</c> of a location.</summary>
    private static Resource Entry(List<Resource> resources, string location)
    {
        var start = location.IndexOf("entry[", StringComparison.Ordinal) + "entry[".Length;
        return resources[int.Parse(location[start..location.IndexOf(']', start)], CultureInfo.InvariantCulture)];
    }
}
