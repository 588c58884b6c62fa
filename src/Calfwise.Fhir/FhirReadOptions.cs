namespace Calfwise.Fhir;

/// <summary>How a FHIR record is read into a case.</summary>
public sealed record FhirReadOptions
{
    /// <summary>
    /// How far back a lab result is still used, counted from the day of assessment (inclusive). This is a reading
    /// setting, not a clinical threshold: a site sets it to what it considers current.
    /// </summary>
    public int LabWindowDays { get; init; } = 365;

    public static FhirReadOptions Default { get; } = new();
}
