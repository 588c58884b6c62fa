using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Hl7.Fhir.Model;
using CodeSystem = Calfwise.Core.Knowledge.CodeSystem;
using FhirPatient = Hl7.Fhir.Model.Patient;

namespace Calfwise.Fhir;

/// <summary>
/// Writes an assessment as a FHIR R4 Bundle of type collection (docs/fhir.md, "Out"): the Patient, a RiskAssessment
/// with a prediction per condition, the labs as Observations with their interpretation, ServiceRequests for the tests
/// the plan asks for, a CarePlan with the plan and its sources, the interview as a Questionnaire and its
/// QuestionnaireResponse, and a Flag for each red flag that fired. Entries are named by <c>urn:uuid</c> full URLs.
/// </summary>
public sealed partial class FhirAssessmentWriter(KnowledgeBase knowledge, TimeProvider time)
{
    public Bundle Write(ValidatedCase input, Assessment assessment)
    {
        var context = new WriteContext(input, assessment, time.GetUtcNow(), CaseValidator.Today(time));
        var patient = context.Add(Patient(input));
        var labs = assessment.Labs.Select(lab => context.Add(LabObservation(context, lab, patient))).ToList();
        var answers = context.Add(Answers(context, patient));
        var medicines = Medicines(context, patient).Select(context.Add).ToList();
        var pregnancy = Pregnancy(context, patient) is { } condition ? [context.Add(condition)] : Array.Empty<ResourceReference>();
        var risk = context.Add(Risk(context, patient, [.. labs, answers, .. medicines, .. pregnancy]));
        var tests = assessment.Recommendations.Where(r => r.Kind == RecommendationKind.Test)
            .ToDictionary(r => r.Id, r => context.Add(TestRequest(context, r, patient, risk)), StringComparer.Ordinal);
        context.Add(Plan(context, patient, risk, tests));
        context.Add(Interview());
        foreach (var flag in assessment.RedFlags)
        {
            context.Add(RedFlag(context, flag, patient));
        }

        return new Bundle
        {
            Type = Bundle.BundleType.Collection,
            Timestamp = context.Now,
            Entry = context.Entries,
        };
    }

    private static FhirPatient Patient(ValidatedCase input) => new()
    {
        Gender = input.Sex == Sex.Female ? AdministrativeGender.Female : AdministrativeGender.Male,
        BirthDate = input.Input.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private RiskAssessment Risk(WriteContext context, ResourceReference patient, IEnumerable<ResourceReference> basis)
    {
        var triage = context.Assessment.Triage;
        return new RiskAssessment
        {
            Status = ObservationStatus.Final,
            Subject = patient,
            Occurrence = new FhirDateTime(context.Now),
            Code = new CodeableConcept { Text = "Causes of calf twitching and leg symptoms (Calfwise)" },
            Basis = basis.ToList(),
            Prediction = context.Assessment.Differential.Select(Prediction).ToList(),
            Mitigation = $"Triage {triage.Level.ToId()}: {triage.Advice}",
            Note =
            [
                new Annotation { Text = context.Assessment.Disclaimer },
                new Annotation { Text = $"Knowledge version {knowledge.Version}." },
            ],
        };
    }

    private RiskAssessment.PredictionComponent Prediction(ConditionResult condition) => new()
    {
        Outcome = Concept(CodeTarget.Condition, FhirSystems.Condition, condition.Id, condition.Name),
        Probability = new FhirDecimal((decimal)Math.Round(condition.Probability, 4)),
        Rationale = condition.Summary,
    };

    private static Flag RedFlag(WriteContext context, FiredRedFlag flag, ResourceReference patient) => new()
    {
        Status = Flag.FlagStatus.Active,
        Category =
        [
            new CodeableConcept(FhirSystems.FlagCategory, "clinical", "Clinical", null),
            new CodeableConcept(FhirSystems.TriageLevel, flag.Level.ToId(), flag.Level.ToId(), $"Triage level: {flag.Level.ToId()}"),
        ],
        Code = new CodeableConcept(FhirSystems.RedFlag, flag.Id, null, flag.Text),
        Subject = patient,
        Period = new Period { Start = context.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
    };

    /// <summary>A concept with Calfwise's id first, then each standard code codes.yaml binds to the item, and its name as text.</summary>
    private CodeableConcept Concept(CodeTarget target, string calfwiseSystem, string id, string name)
    {
        var concept = new CodeableConcept(calfwiseSystem, id, name, name);
        foreach (var system in new[] { CodeSystem.SnomedCt, CodeSystem.Icd10Cm, CodeSystem.Icd10 })
        {
            foreach (var code in knowledge.Codes.Of(target, id, system))
            {
                concept.Coding.Add(new Coding(system.Uri(), code));
            }
        }

        return concept;
    }

    /// <summary>The bundle being written, with the case, the assessment and the day.</summary>
    private sealed class WriteContext(ValidatedCase input, Assessment assessment, DateTimeOffset now, DateOnly today)
    {
        public ValidatedCase Input { get; } = input;

        public Assessment Assessment { get; } = assessment;

        public DateTimeOffset Now { get; } = now;

        public DateOnly Today { get; } = today;

        public List<Bundle.EntryComponent> Entries { get; } = [];

        /// <summary>Adds a resource under a fresh <c>urn:uuid</c> and returns a reference to it.</summary>
        public ResourceReference Add(Resource resource)
        {
            var url = $"urn:uuid:{Guid.NewGuid()}";
            Entries.Add(new Bundle.EntryComponent { FullUrl = url, Resource = resource });
            return new ResourceReference(url);
        }
    }
}
