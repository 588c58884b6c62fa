namespace Calfwise.Fhir;

/// <summary>Why a resource (or part of one) was not read into the case.</summary>
public enum UnmappedReason
{
    /// <summary>
    /// Not valid R4 but readable (a required element missing, an element R4 does not define, a value out of its
    /// format): the rest of the input is read, and this is listed with its location.
    /// </summary>
    InvalidFhir,
    /// <summary>A resource type Calfwise does not read (Encounter, Claim, Procedure and the like).</summary>
    ResourceType,
    /// <summary>No code the knowledge base binds (codes.yaml), and no text it knows.</summary>
    UnknownCode,
    /// <summary>A status that says it does not hold: entered in error, cancelled, refuted, resolved, stopped.</summary>
    NotActive,
    /// <summary>An Observation without a numeric <c>valueQuantity</c>.</summary>
    NoValue,
    /// <summary>A unit the analyte does not accept (docs/case-format.md lists them).</summary>
    UnitNotAccepted,
    /// <summary>A lab result without an effective date or issued time, so the window cannot be checked.</summary>
    NoDate,
    /// <summary>A lab result older than the window, or dated after the day of assessment.</summary>
    OutsideWindow,
    /// <summary>A lab result of an analyte with a more recent result in the window.</summary>
    Superseded,
    /// <summary>A second Patient resource: only the first is read.</summary>
    AnotherPatient,
    /// <summary>A Patient element that could not be read (a gender other than male or female).</summary>
    PatientElement,
    /// <summary>A coded diagnosis of the differential: Calfwise weighs symptoms and labs, it does not take a diagnosis as input.</summary>
    Diagnosis,
    /// <summary>A questionnaire answer that is not a yes or no (<c>valueBoolean</c>).</summary>
    NotBoolean,
    /// <summary>An answer that contradicts one already read from another resource; the first is kept.</summary>
    Conflict,
    /// <summary>
    /// A medicine coded only by a class-level code (ATC) without a name the knowledge base knows: read as its class,
    /// under a stand-in name of that class, so its effects count; reported so the stand-in is never mistaken for the record.
    /// </summary>
    ReadAsClass,
}

/// <summary>
/// Something in the input that did not become part of the case, with the resource it came from (<c>Observation/123</c>,
/// or its <c>fullUrl</c> or position when it has no id), why, and what it held. Nothing is dropped silently.
/// </summary>
public sealed record UnmappedResource(string Reference, UnmappedReason Reason, string Detail)
{
    public override string ToString() => $"{Reference}: {Detail}";
}
