using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;

namespace Calfwise.Fhir;

/// <summary>
/// The code systems Calfwise writes and reads besides those of the knowledge base (<see cref="CodeSystems"/>): UCUM,
/// HL7's own, and Calfwise's ids (conditions, findings, red flags, recommendations, triage levels), which have no
/// standard code and are written under <see cref="CalfwiseBase"/>.
/// </summary>
public static class FhirSystems
{
    /// <summary>The base of Calfwise's own code systems and canonical URLs (a placeholder domain until one is registered).</summary>
    public const string CalfwiseBase = "https://calfwise.example/fhir";

    public const string Ucum = "http://unitsofmeasure.org";

    public const string Interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>Why a value is missing; <see cref="AskedUnknown"/> is the "I don't know" answer.</summary>
    public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    public const string AskedUnknown = "asked-unknown";

    public const string FlagCategory = "http://terminology.hl7.org/CodeSystem/flag-category";

    public const string Condition = CalfwiseBase + "/CodeSystem/condition";

    public const string Finding = CalfwiseBase + "/CodeSystem/finding";

    public const string RedFlag = CalfwiseBase + "/CodeSystem/red-flag";

    public const string Recommendation = CalfwiseBase + "/CodeSystem/recommendation";

    public const string TriageLevel = CalfwiseBase + "/CodeSystem/triage-level";

    /// <summary>The trimester of a pregnancy (1, 2, 3), written as the stage of the pregnancy Condition.</summary>
    public const string Trimester = CalfwiseBase + "/CodeSystem/trimester";

    /// <summary>The canonical URL of the interview Questionnaire (its version is the knowledge version).</summary>
    public const string InterviewQuestionnaire = CalfwiseBase + "/Questionnaire/interview";

    /// <summary>
    /// The UCUM code of a knowledge base unit, as stored or as shown: micro is <c>u</c> (not µ), international units
    /// are in brackets (<c>m[IU]/L</c>).
    /// </summary>
    public static string ToUcum(string unit) =>
        unit.Replace('\u00B5', 'u').Replace('\u03BC', 'u').Replace("[IU]", "IU", StringComparison.Ordinal).Replace("IU", "[IU]", StringComparison.Ordinal);

    /// <summary>The analyte's unit a UCUM code (or, without one, a written unit) means; null when the analyte does not accept it.</summary>
    public static LabUnit? FromUcum(Analyte analyte, string? ucumOrText) => UnitConverter.FromUcum(analyte, ucumOrText);
}
