using System.Globalization;
using System.Text.Json;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using Calfwise.Screening.Synth;

namespace Calfwise.Screening.Tests.Synth;

internal sealed record LabResult(string Analyte, decimal Canonical, DateOnly Date);

internal sealed record Prescription(IReadOnlyList<string> Classes, string Atc, string Status, DateOnly AuthoredOn);

/// <summary>
/// One patient of an export read back independently of the generator: labs through the knowledge's LOINC bindings
/// and unit table, medicines through its ATC bindings, diagnoses through its SNOMED CT and ICD-10-CM bindings.
/// </summary>
internal sealed class PatientRecord
{
    private static KnowledgeBase Knowledge => EmbeddedKnowledge.Instance;

    public required string Id { get; init; }

    public required Sex Sex { get; init; }

    public required DateOnly BirthDate { get; init; }

    public required string? Tag { get; init; }

    public List<LabResult> Labs { get; } = [];

    public List<Prescription> Medicines { get; } = [];

    public HashSet<string> Diagnoses { get; } = new(StringComparer.Ordinal);

    public List<(string Snomed, DateOnly Date)> Procedures { get; } = [];

    public int AgeOn(DateOnly day) => day.Year - BirthDate.Year - (day.DayOfYear < BirthDate.DayOfYear ? 1 : 0);

    public static Dictionary<string, PatientRecord> Read(ExportFiles export)
    {
        var patients = export.Of("Patient").Select(p => new PatientRecord
        {
            Id = p.GetProperty("id").GetString()!,
            Sex = p.GetProperty("gender").GetString() == "female" ? Sex.Female : Sex.Male,
            BirthDate = DateOnly.Parse(p.GetProperty("birthDate").GetString()!, CultureInfo.InvariantCulture),
            Tag = p.TryGetProperty("meta", out var meta) ? meta.GetProperty("tag")[0].GetProperty("code").GetString() : null,
        }).ToDictionary(p => "Patient/" + p.Id, StringComparer.Ordinal);
        foreach (var observation in export.Of("Observation"))
        {
            var coding = observation.GetProperty("code").GetProperty("coding")[0];
            if (Knowledge.Codes.AnalyteByLoinc(coding.GetProperty("code").GetString()!) is { } analyte)
            {
                var quantity = observation.GetProperty("valueQuantity");
                var unit = LabCatalog.KnowledgeUnit(analyte, quantity.GetProperty("code").GetString()!)!;
                patients[Subject(observation)].Labs.Add(new LabResult(analyte.Id, unit.ToCanonical(quantity.GetProperty("value").GetDecimal()), Day(observation, "effectiveDateTime")));
            }
        }

        foreach (var request in export.Of("MedicationRequest"))
        {
            var atc = request.GetProperty("medicationCodeableConcept").GetProperty("coding")[0].GetProperty("code").GetString()!;
            var classes = Knowledge.Codes.MedicationClassesByAtc(atc).Select(c => c.Id).ToList();
            patients[Subject(request)].Medicines.Add(new Prescription(classes, atc, request.GetProperty("status").GetString()!, Day(request, "authoredOn")));
        }

        foreach (var condition in export.Of("Condition"))
        {
            foreach (var coding in condition.GetProperty("code").GetProperty("coding").EnumerateArray())
            {
                var system = CodeSystems.FromUri(coding.GetProperty("system").GetString())!.Value;
                patients[Subject(condition)].Diagnoses.UnionWith(Knowledge.Codes.Find(system, coding.GetProperty("code").GetString()!).Select(b => b.TargetId));
            }
        }

        foreach (var procedure in export.Of("Procedure"))
        {
            patients[Subject(procedure)].Procedures.Add((procedure.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString()!, Day(procedure, "performedDateTime")));
        }

        return patients;
    }

    private static string Subject(JsonElement resource) => resource.GetProperty("subject").GetProperty("reference").GetString()!;

    private static DateOnly Day(JsonElement resource, string element) =>
        DateOnly.FromDateTime(DateTime.Parse(resource.GetProperty(element).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
}
