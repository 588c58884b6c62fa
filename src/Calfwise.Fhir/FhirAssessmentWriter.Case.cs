using Calfwise.Core.Knowledge;
using Hl7.Fhir.Model;
using CodeSystem = Calfwise.Core.Knowledge.CodeSystem;
using FhirCondition = Hl7.Fhir.Model.Condition;

namespace Calfwise.Fhir;

public sealed partial class FhirAssessmentWriter
{
    private const string ClinicalStatus = "http://terminology.hl7.org/CodeSystem/condition-clinical";

    private const string VerificationStatus = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    /// <summary>The medicines of the case, as written, so the Bundle holds everything the assessment read.</summary>
    private static IEnumerable<MedicationStatement> Medicines(WriteContext context, ResourceReference patient) =>
        context.Input.Input.Medications.Select(name => new MedicationStatement
        {
            Status = MedicationStatement.MedicationStatusCodes.Active,
            Medication = new CodeableConcept { Text = name },
            Subject = patient,
        });

    /// <summary>A pregnancy, when the case says so, coded as codes.yaml binds the person fact <c>pregnant</c>.</summary>
    private FhirCondition? Pregnancy(WriteContext context, ResourceReference patient)
    {
        if (!context.Input.IsPregnant)
        {
            return null;
        }

        var code = new CodeableConcept { Text = "Pregnancy" };
        foreach (var system in new[] { CodeSystem.SnomedCt, CodeSystem.Icd10Cm })
        {
            code.Coding.AddRange(knowledge.Codes.Of(CodeTarget.Person, "pregnant", system).Select(c => new Coding(system.Uri(), c)));
        }

        return new FhirCondition
        {
            ClinicalStatus = new CodeableConcept(ClinicalStatus, "active"),
            VerificationStatus = new CodeableConcept(VerificationStatus, "confirmed"),
            Code = code,
            Subject = patient,
            Stage = context.Input.Trimester is { } trimester
                ? [new FhirCondition.StageComponent { Summary = new CodeableConcept(FhirSystems.Trimester, trimester.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Trimester {trimester}", null) }]
                : [],
        };
    }
}
