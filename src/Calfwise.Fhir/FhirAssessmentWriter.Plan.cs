using Calfwise.Core.Engine;
using Hl7.Fhir.Model;

namespace Calfwise.Fhir;

public sealed partial class FhirAssessmentWriter
{
    /// <summary>A proposed test: a draft ServiceRequest with the plan's wording and sources.</summary>
    private static ServiceRequest TestRequest(WriteContext context, AppliedRecommendation test, ResourceReference patient, ResourceReference risk) => new()
    {
        Status = RequestStatus.Draft,
        Intent = RequestIntent.Proposal,
        Code = new CodeableConcept(FhirSystems.Recommendation, test.Id, test.Title, test.Title),
        Subject = patient,
        AuthoredOn = context.Now.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        SupportingInfo = [risk],
        Note = [new Annotation { Text = test.Text }, .. Sources(test)],
    };

    /// <summary>The plan: one activity per step (tests point to their ServiceRequest), each step's sources as notes.</summary>
    private static CarePlan Plan(WriteContext context, ResourceReference patient, ResourceReference risk, IReadOnlyDictionary<string, ResourceReference> tests)
    {
        var assessment = context.Assessment;
        return new CarePlan
        {
            Status = RequestStatus.Draft,
            Intent = CarePlan.CarePlanIntent.Proposal,
            Title = "Calfwise plan",
            Description = $"{assessment.Triage.Advice} {assessment.Iron.Explanation}".Trim(),
            Subject = patient,
            Created = context.Now.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            SupportingInfo = [risk],
            Activity = assessment.Recommendations.Select(r => Activity(r, tests)).ToList(),
            Note = assessment.Recommendations.SelectMany(r => Sources(r).Select(n => new Annotation { Text = $"{r.Title}: {n.Text}" })).ToList(),
        };
    }

    private static CarePlan.ActivityComponent Activity(AppliedRecommendation step, IReadOnlyDictionary<string, ResourceReference> tests) =>
        tests.TryGetValue(step.Id, out var request)
            ? new CarePlan.ActivityComponent { Reference = request }
            : new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Code = new CodeableConcept(FhirSystems.Recommendation, step.Id, step.Title, step.Title),
                    Status = CarePlan.CarePlanActivityStatus.NotStarted,
                    Description = step.Text,
                },
            };

    private static IEnumerable<Annotation> Sources(AppliedRecommendation step) =>
        step.Sources.Select(s => new Annotation { Text = $"Source: {s.Citation} {s.Url} (evidence {s.Grade})" });
}
