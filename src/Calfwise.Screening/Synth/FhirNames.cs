using System.Text.Json;

namespace Calfwise.Screening.Synth;

/// <summary>FHIR element names and code systems the generator writes, encoded once.</summary>
internal static class FhirNames
{
    public static readonly JsonEncodedText ResourceType = JsonEncodedText.Encode("resourceType");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText System = JsonEncodedText.Encode("system");
    public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    public static readonly JsonEncodedText Display = JsonEncodedText.Encode("display");
    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    public static readonly JsonEncodedText Coding = JsonEncodedText.Encode("coding");
    public static readonly JsonEncodedText Reference = JsonEncodedText.Encode("reference");
    public static readonly JsonEncodedText Subject = JsonEncodedText.Encode("subject");
    public static readonly JsonEncodedText Patient = JsonEncodedText.Encode("patient");
    public static readonly JsonEncodedText Encounter = JsonEncodedText.Encode("encounter");
    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    public static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
    public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
    public static readonly JsonEncodedText EffectiveDateTime = JsonEncodedText.Encode("effectiveDateTime");
    public static readonly JsonEncodedText Issued = JsonEncodedText.Encode("issued");
    public static readonly JsonEncodedText ValueQuantity = JsonEncodedText.Encode("valueQuantity");
    public static readonly JsonEncodedText ValueCodeableConcept = JsonEncodedText.Encode("valueCodeableConcept");
    public static readonly JsonEncodedText Component = JsonEncodedText.Encode("component");

    public const string Ucum = "http://unitsofmeasure.org";
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public const string ConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public const string ConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string ClaimType = "http://terminology.hl7.org/CodeSystem/claim-type";
    public const string ProcessPriority = "http://terminology.hl7.org/CodeSystem/processpriority";

    /// <summary>
    /// The tag on each synthetic Patient naming the screening situation it was made for (none for most): the
    /// ground truth a screening run is checked against. Real exports carry no such tag.
    /// </summary>
    public const string ScenarioTag = "https://calfwise.example/fhir/CodeSystem/synthetic-scenario";
}
