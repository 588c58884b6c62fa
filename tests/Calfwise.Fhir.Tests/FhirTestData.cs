using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Time.Testing;

namespace Calfwise.Fhir.Tests;

/// <summary>The knowledge, a clock fixed on <see cref="TestDates.Today"/>, the vignettes and builders of FHIR input.</summary>
internal static class FhirTestData
{
    public static KnowledgeBase Kb => EmbeddedKnowledge.Instance;

    public static TimeProvider Clock { get; } = new FakeTimeProvider(new DateTimeOffset(TestDates.Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

    /// <summary>
    /// Every vignette's case by file name, with a birth date giving its age on the test day (a Patient carries a birth
    /// date, not an age) and undated labs dated that day (an undated Observation is reported, not read).
    /// </summary>
    public static IEnumerable<(string Name, PatientCase Case)> Vignettes()
    {
        foreach (var path in Directory.GetFiles(Repository.PathOf("tests", "Calfwise.Core.Tests", "Vignettes"), "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var read = CaseJson.Read(document.RootElement.GetProperty("case").GetRawText(), Kb, TestDates.Today);
            if (read.Case is { } patient)
            {
                var birth = patient.BirthDate ?? TestDates.Today.AddYears(-(int)Math.Floor(patient.Age));
                var labs = patient.Labs.Select(l => l with { Date = l.Date ?? TestDates.Today }).ToList();
                yield return (Path.GetFileName(path), patient with { BirthDate = birth, Age = CaseValidator.AgeOn(birth, TestDates.Today), Labs = labs });
            }
        }
    }

    public static IEnumerable<object[]> VignetteNames() => Vignettes().Select(v => new object[] { v.Name });

    public static Patient Patient(string id = "p1", AdministrativeGender gender = AdministrativeGender.Female, string birthDate = "1980-03-14") =>
        new() { Id = id, Gender = gender, BirthDate = birthDate };

    public static Observation Lab(string id, string loinc, decimal value, string ucum, string? date = "2026-11-20", ObservationStatus status = ObservationStatus.Final) => new()
    {
        Id = id,
        Status = status,
        Code = new CodeableConcept("http://loinc.org", loinc),
        Value = new Quantity { Value = value, System = "http://unitsofmeasure.org", Code = ucum, Unit = ucum },
        Effective = date is null ? null : new FhirDateTime(date),
        Subject = new ResourceReference("Patient/p1"),
    };

    public static Hl7.Fhir.Model.Condition Condition(string id, string system, string code, string clinical = "active") => new()
    {
        Id = id,
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", clinical),
        Code = new CodeableConcept(system, code),
        Subject = new ResourceReference("Patient/p1"),
    };

    public static Bundle Bundle(params Resource[] resources) => new()
    {
        Type = Hl7.Fhir.Model.Bundle.BundleType.Collection,
        Entry = resources.Select(r => new Bundle.EntryComponent { FullUrl = $"http://example.org/fhir/{r.TypeName}/{r.Id}", Resource = r }).ToList(),
    };

    public static FhirCase Read(params Resource[] resources)
    {
        var read = new FhirCaseReader(Kb, Clock).Read(FhirJson.Write(Bundle(resources)));
        Assert.True(read.IsSuccess, string.Join("; ", read.Errors));
        return read.Value!;
    }
}
