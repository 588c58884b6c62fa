using System.Text.Json;
using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Synth;

/// <summary>Writes each kind of resource of one patient into the chunk's files.</summary>
internal sealed partial class ResourceWriter(ChunkFiles files, SynthRandom random)
{
    private static readonly JsonEncodedText Meta = JsonEncodedText.Encode("meta");
    private static readonly JsonEncodedText Tag = JsonEncodedText.Encode("tag");
    private static readonly JsonEncodedText Gender = JsonEncodedText.Encode("gender");
    private static readonly JsonEncodedText BirthDate = JsonEncodedText.Encode("birthDate");
    private static readonly JsonEncodedText DeceasedDateTime = JsonEncodedText.Encode("deceasedDateTime");
    private static readonly JsonEncodedText ClinicalStatus = JsonEncodedText.Encode("clinicalStatus");
    private static readonly JsonEncodedText VerificationStatus = JsonEncodedText.Encode("verificationStatus");
    private static readonly JsonEncodedText OnsetDateTime = JsonEncodedText.Encode("onsetDateTime");
    private static readonly JsonEncodedText AbatementDateTime = JsonEncodedText.Encode("abatementDateTime");
    private static readonly JsonEncodedText RecordedDate = JsonEncodedText.Encode("recordedDate");
    private static readonly JsonEncodedText Intent = JsonEncodedText.Encode("intent");
    private static readonly JsonEncodedText MedicationCodeableConcept = JsonEncodedText.Encode("medicationCodeableConcept");
    private static readonly JsonEncodedText AuthoredOn = JsonEncodedText.Encode("authoredOn");
    private static readonly JsonEncodedText PerformedDateTime = JsonEncodedText.Encode("performedDateTime");

    public SynthRandom Random => random;

    public void Patient(SynthPatient patient)
    {
        var json = files.Patient.Begin(patient.Id);
        if (patient.Scenario != Scenario.None)
        {
            json.WriteStartObject(Meta);
            json.WriteStartArray(Tag);
            json.WriteCoding(FhirNames.ScenarioTag, patient.Scenario.Code());
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteString(Gender, patient.Sex == Sex.Female ? "female" : "male");
        json.WriteString(BirthDate, FhirJsonWriting.Date(patient.BirthDate));
        if (patient.DeathDate is { } death)
        {
            json.WriteString(DeceasedDateTime, FhirJsonWriting.Instant(At(death)));
        }

        files.Patient.End();
    }

    /// <summary>A diagnosis; <paramref name="variant"/> picks among the item's codes (the second SNOMED CT and ICD-10-CM code, and so on).</summary>
    public void Condition(SynthPatient patient, DiagnosisCode diagnosis, DateOnly onset, DateOnly? resolved = null, int variant = 0)
    {
        var json = files.Condition.Begin(random.NewId());
        json.WriteConcept(ClinicalStatus, FhirNames.ConditionClinical, resolved is null ? "active" : "resolved");
        json.WriteConcept(VerificationStatus, FhirNames.ConditionVerification, "confirmed");
        json.WriteConceptList(FhirNames.Category, FhirNames.ConditionCategory, "problem-list-item");
        json.WriteStartObject(FhirNames.Code);
        json.WriteStartArray(FhirNames.Coding);
        if (diagnosis.Snomed.Count > 0)
        {
            json.WriteCoding(FhirNames.Snomed, diagnosis.Snomed[variant % diagnosis.Snomed.Count]);
        }

        if (diagnosis.Icd10Cm.Count > 0)
        {
            json.WriteCoding(CodeSystem.Icd10Cm.Uri(), diagnosis.Icd10Cm[variant % diagnosis.Icd10Cm.Count]);
        }

        json.WriteEndArray();
        json.WriteString(FhirNames.Text, diagnosis.Text);
        json.WriteEndObject();
        json.WriteReference(FhirNames.Subject, patient.Reference);
        json.WriteString(OnsetDateTime, FhirJsonWriting.Instant(At(onset)));
        if (resolved is { } end)
        {
            json.WriteString(AbatementDateTime, FhirJsonWriting.Instant(At(end)));
        }

        json.WriteString(RecordedDate, FhirJsonWriting.Instant(At(onset)));
        files.Condition.End();
    }

    /// <summary>A prescription: active, stopped or completed.</summary>
    public void MedicationRequest(SynthPatient patient, Medicine medicine, DateOnly authoredOn, string status = "active")
    {
        var json = files.MedicationRequest.Begin(random.NewId());
        json.WriteString(FhirNames.Status, status);
        json.WriteString(Intent, "order");
        json.WriteConcept(MedicationCodeableConcept, CodeSystem.Atc.Uri(), medicine.Atc, text: medicine.Name);
        json.WriteReference(FhirNames.Subject, patient.Reference);
        json.WriteString(AuthoredOn, FhirJsonWriting.Instant(At(authoredOn)));
        files.MedicationRequest.End();
    }

    public void Procedure(SynthPatient patient, ProcedureCode code, DateOnly day, string? encounterId = null)
    {
        var json = files.Procedure.Begin(random.NewId());
        json.WriteString(FhirNames.Status, "completed");
        json.WriteConcept(FhirNames.Code, FhirNames.Snomed, code.Snomed, code.Display, code.Display);
        json.WriteReference(FhirNames.Subject, patient.Reference);
        if (encounterId is not null)
        {
            json.WriteReference(FhirNames.Encounter, "Encounter/" + encounterId);
        }

        json.WriteString(PerformedDateTime, FhirJsonWriting.Instant(At(day)));
        files.Procedure.End();
    }

    /// <summary>A time of day within working hours on the day, from the patient's stream.</summary>
    public DateTimeOffset At(DateOnly day) =>
        new(day.ToDateTime(new TimeOnly(random.Between(7, 18), random.Between(0, 59), random.Between(0, 59))), TimeSpan.Zero);
}
