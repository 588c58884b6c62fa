using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Calfwise.Web.Tests;

/// <summary>Issue 12: the web API takes a FHIR R4 Bundle and answers with the assessment as a Bundle.</summary>
public sealed class FhirApiTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    private static StringContent Fhir(string json) => new(json, Encoding.UTF8) { Headers = { ContentType = new MediaTypeHeaderValue("application/fhir+json") } };

    [Fact]
    public async Task A_bundle_in_gives_the_assessment_as_a_bundle_out()
    {
        var bundle = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "examples", "fhir", "rls-low-ferritin-bundle.json"));
        var response = await factory.Client().PostAsync("/api/fhir/assessments", Fhir(bundle));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bundle", answer.RootElement.GetProperty("resourceType").GetString());
        var types = answer.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("resourceType").GetString()).ToHashSet();
        Assert.Contains("RiskAssessment", types);
        Assert.Contains("CarePlan", types);
        Assert.Contains("Observation", types);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"resourceType": "Patient"}""")]
    [InlineData("""[1, 2]""")]
    [InlineData("""{"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Patient", "gender": "\ud800"}}]}""")]
    public async Task Bad_fhir_is_a_problem_not_a_500(string body)
    {
        var response = await factory.Client().PostAsync("/api/fhir/assessments", Fhir(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_bundle_over_the_limit_is_refused()
    {
        var response = await factory.Client().PostAsync("/api/fhir/assessments", Fhir(new string(' ', Api.FhirEndpoints.MaxBytes + 10)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
