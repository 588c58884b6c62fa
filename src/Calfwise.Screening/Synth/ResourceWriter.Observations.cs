using System.Text.Json;

namespace Calfwise.Screening.Synth;

internal sealed partial class ResourceWriter
{
    /// <summary>A final lab result: the value (canonical unit) written in the unit of the code chosen for this patient's lab.</summary>
    public void Lab(SynthPatient patient, LabCatalog labs, string analyteId, decimal canonical, DateTimeOffset when, string? encounterId = null)
    {
        var codes = labs.CodesOf(analyteId);
        var code = codes[patient.LabStyle % codes.Count];
        var value = Round(code.Unit.FromCanonical(canonical));
        var json = StartObservation("laboratory", FhirNames.Loinc, code.Loinc, null, code.Analyte.Name, patient, when, encounterId);
        json.WriteQuantity(FhirNames.ValueQuantity, value, code.Ucum);
        files.Observation.End();
    }

    /// <summary>A vital sign or body measure (LOINC, with its UCUM unit).</summary>
    public void Vital(SynthPatient patient, VitalSign sign, decimal value, DateTimeOffset when, string encounterId)
    {
        var json = StartObservation("vital-signs", FhirNames.Loinc, sign.Loinc, sign.Name, sign.Name, patient, when, encounterId);
        json.WriteQuantity(FhirNames.ValueQuantity, Round(value), sign.Ucum);
        files.Observation.End();
    }

    /// <summary>A blood pressure panel with its systolic and diastolic components.</summary>
    public void BloodPressure(SynthPatient patient, int systolic, int diastolic, DateTimeOffset when, string encounterId)
    {
        var json = StartObservation("vital-signs", FhirNames.Loinc, VitalSign.BloodPressurePanel, "Blood pressure panel with all children optional", "Blood pressure", patient, when, encounterId);
        json.WriteStartArray(FhirNames.Component);
        foreach (var (sign, value) in new[] { (VitalSign.Systolic, systolic), (VitalSign.Diastolic, diastolic) })
        {
            json.WriteStartObject();
            json.WriteConcept(FhirNames.Code, FhirNames.Loinc, sign.Loinc, sign.Name);
            json.WriteQuantity(FhirNames.ValueQuantity, value, sign.Ucum);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        files.Observation.End();
    }

    /// <summary>Tobacco smoking status (LOINC 72166-2) with a SNOMED CT answer.</summary>
    public void SmokingStatus(SynthPatient patient, ProcedureCode answer, DateTimeOffset when, string encounterId)
    {
        var json = StartObservation("social-history", FhirNames.Loinc, VitalSign.SmokingStatus, "Tobacco smoking status", "Tobacco smoking status", patient, when, encounterId);
        json.WriteConcept(FhirNames.ValueCodeableConcept, FhirNames.Snomed, answer.Snomed, answer.Display, answer.Display);
        files.Observation.End();
    }

    private Utf8JsonWriter StartObservation(string category, string system, string code, string? display, string text, SynthPatient patient, DateTimeOffset when, string? encounterId)
    {
        var json = files.Observation.Begin(random.NewId());
        json.WriteString(FhirNames.Status, "final");
        json.WriteConceptList(FhirNames.Category, FhirNames.ObservationCategory, category);
        json.WriteConcept(FhirNames.Code, system, code, display, text);
        json.WriteReference(FhirNames.Subject, patient.Reference);
        if (encounterId is not null)
        {
            json.WriteReference(FhirNames.Encounter, "Encounter/" + encounterId);
        }

        json.WriteString(FhirNames.EffectiveDateTime, FhirJsonWriting.Instant(when));
        json.WriteString(FhirNames.Issued, FhirJsonWriting.Instant(when.AddHours(random.Between(1, 4))));
        return json;
    }

    /// <summary>Three significant figures or so, as labs report: 0 decimals from 100, 1 from 10, 2 below.</summary>
    private static decimal Round(decimal value) => Math.Round(value, value >= 100 ? 0 : value >= 10 ? 1 : 2, MidpointRounding.AwayFromZero);
}

/// <summary>The vital signs and social history of the noise (LOINC codes the knowledge base does not read).</summary>
internal sealed record VitalSign(string Loinc, string Name, string Ucum)
{
    public const string BloodPressurePanel = "85354-9";
    public const string SmokingStatus = "72166-2";

    public static readonly VitalSign HeartRate = new("8867-4", "Heart rate", "/min");
    public static readonly VitalSign Systolic = new("8480-6", "Systolic blood pressure", "mm[Hg]");
    public static readonly VitalSign Diastolic = new("8462-4", "Diastolic blood pressure", "mm[Hg]");
    public static readonly VitalSign BodyWeight = new("29463-7", "Body weight", "kg");
    public static readonly VitalSign BodyHeight = new("8302-2", "Body height", "cm");
    public static readonly VitalSign Bmi = new("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2");

    /// <summary>Answers to smoking status: never smoked tobacco, ex-smoker, smoker (SNOMED CT).</summary>
    public static readonly IReadOnlyList<ProcedureCode> SmokingAnswers =
        [new("266919005", "Never smoked tobacco"), new("8517006", "Ex-smoker"), new("77176002", "Smoker")];
}
