using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Hl7.Fhir.Model;
using static Calfwise.Fhir.Tests.FhirTestData;

namespace Calfwise.Fhir.Tests;

public sealed class FhirAssessmentWriterTests
{
    [Fact]
    public void Units_are_written_as_UCUM_codes()
    {
        var bundle = Write("01-rls-classic-low-ferritin.json").Bundle;

        var codes = Resources<Observation>(bundle).ToDictionary(o => o.Code.Coding[0].Code!, o => ((Quantity)o.Value!).Code);
        Assert.Equal("ug/L", codes["2276-4"]); // shown as µg/L, coded with u
        Assert.All(codes.Values, c => Assert.Matches("^[\\x21-\\x7e]+$", c!)); // UCUM codes are printable ASCII
        Assert.Equal("m[IU]/L", FhirSystems.ToUcum("mIU/L"));
        Assert.Equal("u[IU]/mL", FhirSystems.ToUcum("\u00B5IU/mL"));
    }

    [Theory]
    [InlineData("101-potassium-6-6-ramipril-emergency.json", "potassium", "HH")]
    [InlineData("106-potassium-2-5-diarrhoea-urgent.json", "potassium", "LL")]
    [InlineData("01-rls-classic-low-ferritin.json", "transferrin-saturation", "L")]
    public void Labs_are_Observations_with_LOINC_UCUM_and_the_interpretation_of_their_status(string vignette, string analyte, string interpretation)
    {
        var (assessment, bundle) = Write(vignette);
        var lab = assessment.Labs.Single(l => l.Analyte == analyte);

        var observation = Resources<Observation>(bundle).Single(o => o.Code.Coding[0].Code == lab.Loinc);
        Assert.Equal("http://loinc.org", observation.Code.Coding[0].System);
        var quantity = Assert.IsType<Quantity>(observation.Value);
        Assert.Equal((lab.CanonicalValue, "http://unitsofmeasure.org"), (quantity.Value!.Value, quantity.System));
        Assert.Equal(interpretation, Assert.Single(observation.Interpretation).Coding[0].Code);
    }

    [Fact]
    public void A_fired_red_flag_is_a_Flag_with_its_level_and_the_risk_assessment_predicts_every_condition()
    {
        var (assessment, bundle) = Write("101-potassium-6-6-ramipril-emergency.json");

        Assert.NotEmpty(assessment.RedFlags);
        var flags = Resources<Flag>(bundle).ToList();
        Assert.Equal(assessment.RedFlags.Select(f => (f.Id, f.Level.ToId())), flags.Select(f => (f.Code.Coding[0].Code!, f.Category[1].Coding[0].Code!)));
        var risk = Resources<RiskAssessment>(bundle).Single();
        Assert.Equal(assessment.Differential.Select(c => c.Id), risk.Prediction.Select(p => p.Outcome!.Coding[0].Code));
        Assert.Equal((decimal)Math.Round(assessment.Differential[0].Probability, 4), ((FhirDecimal)risk.Prediction[0].Probability!).Value);
        Assert.StartsWith("Triage emergency", risk.Mitigation!, StringComparison.Ordinal);
    }

    [Fact]
    public void No_red_flag_no_Flag()
    {
        var (assessment, bundle) = Write("32-benign-twitch-coffee-stress.json");

        Assert.Empty(assessment.RedFlags);
        Assert.Empty(Resources<Flag>(bundle));
    }

    [Fact]
    public void Tests_of_the_plan_are_ServiceRequests_and_the_CarePlan_holds_every_step_with_its_sources()
    {
        var (assessment, bundle) = Write("19-ida-man-investigate.json");
        var tests = assessment.Recommendations.Where(r => r.Kind == RecommendationKind.Test).ToList();

        Assert.NotEmpty(tests);
        var requests = Resources<ServiceRequest>(bundle).ToList();
        Assert.Equal(tests.Select(t => t.Id), requests.Select(r => r.Code!.Coding[0].Code));
        Assert.All(requests, r => Assert.Equal(RequestIntent.Proposal, r.Intent));
        var plan = Resources<CarePlan>(bundle).Single();
        Assert.Equal(assessment.Recommendations.Count, plan.Activity.Count);
        Assert.Equal(tests.Count, plan.Activity.Count(a => a.Reference is not null));
        foreach (var source in assessment.Recommendations.SelectMany(r => r.Sources))
        {
            Assert.Contains(plan.Note, n => n.Text!.Contains(source.Url, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_interview_is_a_Questionnaire_of_every_finding_and_a_response_with_the_answers()
    {
        var (input, bundle) = (Vignettes().Single(v => v.Name == "01-rls-classic-low-ferritin.json").Case, Write("01-rls-classic-low-ferritin.json").Bundle);

        var questionnaire = Resources<Questionnaire>(bundle).Single();
        Assert.Equal(Kb.Findings.Select(f => f.Id), questionnaire.Item.Select(i => i.LinkId));
        var response = Resources<QuestionnaireResponse>(bundle).Single();
        Assert.Equal($"{questionnaire.Url}|{questionnaire.Version}", response.Questionnaire);
        Assert.Equal(input.Findings.OrderBy(f => f.Key, StringComparer.Ordinal), response.Item.Select(i => KeyValuePair.Create(i.LinkId!, ((FhirBoolean)i.Answer[0].Value!).Value!.Value)).OrderBy(f => f.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_reference_in_the_bundle_points_to_an_entry()
    {
        var bundle = Write("41-dvt-after-knee-surgery.json").Bundle;
        var urls = bundle.Entry.Select(e => e.FullUrl).ToHashSet(StringComparer.Ordinal);

        using var json = JsonDocument.Parse(FhirJson.Write(bundle));
        var references = References(json.RootElement).ToList();
        Assert.True(references.Count > 5);
        Assert.All(references, r => Assert.Contains(r, urls));
    }

    [Fact]
    public void A_bundle_in_gives_a_bundle_out_listing_what_was_not_read()
    {
        var input = Bundle(Patient(), Lab("fer", "2276-4", 28, "ng/mL"), new Encounter { Id = "e1", Status = Encounter.EncounterStatus.Finished, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB") });

        var result = new FhirAssessor(Kb, Clock).Assess(FhirJson.Write(input));

        Assert.True(result.IsSuccess, string.Join("; ", result.Errors));
        Assert.Equal(Hl7.Fhir.Model.Bundle.BundleType.Collection, result.Value!.Bundle.Type);
        var outcome = Resources<OperationOutcome>(result.Value.Bundle).Single();
        Assert.Contains("Encounter/e1", Assert.Single(outcome.Issue).Diagnostics, StringComparison.Ordinal);
    }

    private static (Assessment Assessment, Bundle Bundle) Write(string vignette)
    {
        var validated = CaseValidator.Validate(Vignettes().Single(v => v.Name == vignette).Case, Kb, Clock).Value!;
        var assessment = new AssessmentEngine(Kb, Clock).Assess(validated);
        return (assessment, new FhirAssessmentWriter(Kb, Clock).Write(validated, assessment));
    }

    /// <summary>Every "reference" string anywhere in the JSON.</summary>
    private static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p is { Name: "reference", Value.ValueKind: JsonValueKind.String } ? [p.Value.GetString()!] : References(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => [],
    };

    private static IEnumerable<T> Resources<T>(Bundle bundle) where T : Resource => bundle.Entry.Select(e => e.Resource).OfType<T>();
}
