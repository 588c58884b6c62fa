using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests;

public sealed class ApiTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Example(string name) => File.ReadAllText(Path.Combine(Repository.Root, "examples", name));

    [Fact]
    public async Task Health_reports_healthy_with_the_database()
    {
        var response = await factory.Client().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(File.Exists(factory.DatabasePath));
    }

    [Fact]
    public async Task Assessing_a_case_returns_the_cli_contract()
    {
        var response = await factory.Client().PostAsync("/api/assessments", Json(Example("rls-low-ferritin.json")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal("routine", root.GetProperty("triage").GetProperty("level").GetString());
        Assert.Equal("restless-legs", root.GetProperty("differential")[0].GetProperty("condition").GetString());
        Assert.All(root.GetProperty("recommendations").EnumerateArray(), r => Assert.NotEqual(0, r.GetProperty("sources").GetArrayLength()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("disclaimer").GetString()));
    }

    // body, field the problem details must name
    [Theory]
    [InlineData("""{"age": 200, "sex": "male"}""", "age")]
    [InlineData("""{"age": 40, "sex": "male", "findings": {"calf-twitchin": true}}""", "findings.calf-twitchin")]
    [InlineData("""{"age": 40, "sex": "male", "labs": [{"analyte": "ferritin", "value": 28, "unit": "mg"}]}""", "labs[0].unit")]
    [InlineData("""{"age": 40, "sex": "male", "extra": 1}""", "extra")]
    public async Task Bad_cases_get_problem_details_naming_the_field(string body, string field)
    {
        foreach (var path in new[] { "/api/assessments", "/api/next-question", "/api/labs" })
        {
            var response = await factory.Client().PostAsync(path, Json(body));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{path}: errors should name {field}");
        }
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_not_a_stack_trace()
    {
        var response = await factory.Client().PostAsync("/api/assessments", Json("{ not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_question_and_labs_follow_the_cli_contract()
    {
        var client = factory.Client();
        using var next = JsonDocument.Parse(await (await client.PostAsync("/api/next-question", Json("""{"age": 40, "sex": "female"}"""))).Content.ReadAsStringAsync());
        Assert.Equal("opening", next.RootElement.GetProperty("question").GetProperty("id").GetString());

        var labs = await client.PostAsync("/api/labs", Json("""{"age": 40, "sex": "female", "labs": [{"analyte": "hemoglobin", "value": 115, "unit": "g/L"}]}"""));
        using var read = JsonDocument.Parse(await labs.Content.ReadAsStringAsync());
        var hb = read.RootElement.GetProperty("labs")[0];
        Assert.Equal(11.5m, hb.GetProperty("canonicalValue").GetDecimal());
        Assert.Equal("low", hb.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_diary_api_needs_an_account()
    {
        var response = await factory.Client().GetAsync("/api/diary/episodes");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Diary_episodes_can_be_created_read_updated_and_deleted_and_bad_ones_are_refused()
    {
        var client = await factory.SignedInClientAsync($"crud-{Guid.NewGuid():N}@example.org");
        var episode = new { start = "2026-11-20T21:30:00+01:00", durationMinutes = 10, leg = "left", location = "calf", kind = "urge-to-move", intensity = 6, atRest = true };

        var created = await client.PostAsJsonAsync("/api/diary/episodes", episode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/diary/episodes/{id}");
        Assert.Equal("urge-to-move", read.GetProperty("kind").GetString());
        Assert.Equal(21, DateTimeOffset.Parse(read.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Hour); // the person's own hour

        var updated = await client.PutAsJsonAsync($"/api/diary/episodes/{id}", episode with { intensity = 8 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(8, (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("intensity").GetInt32());

        var bad = await client.PostAsJsonAsync("/api/diary/episodes", episode with { intensity = 11 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("intensity", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/diary/episodes", Json("""{"start": "2026-11-20T08:00:00Z", "durationMinutes": 1, "leg": -5, "location": "calf", "kind": "twitch", "intensity": 1, "atRest": true}"""))).StatusCode); // no integer enums
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/diary/episodes", Json("""{"location": "calf"}"""))).StatusCode); // missing fields are not defaults
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/diary/episodes", episode with { location = "calf\nnext" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/diary/episodes/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/diary/episodes/{id}")).StatusCode);
    }

    [Fact]
    public async Task No_user_can_read_change_or_delete_another_users_diary()
    {
        var alice = await factory.SignedInClientAsync($"alice-{Guid.NewGuid():N}@example.org");
        var bob = await factory.SignedInClientAsync($"bob-{Guid.NewGuid():N}@example.org");
        var episode = new { start = "2026-11-20T08:00:00+00:00", durationMinutes = 2, leg = "right", location = "calf", kind = "twitch", intensity = 2, atRest = false };
        var created = await alice.PostAsJsonAsync("/api/diary/episodes", episode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsJsonAsync("/api/diary/days/2026-11-20", new { caffeineCups = 6 })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/diary/episodes/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PutAsJsonAsync($"/api/diary/episodes/{id}", episode)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/api/diary/episodes/{id}")).StatusCode);
        Assert.Equal(0, (await bob.GetFromJsonAsync<JsonElement>("/api/diary/episodes")).GetArrayLength());
        Assert.Equal(0, (await bob.GetFromJsonAsync<JsonElement>("/api/diary/days")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync("/api/diary/days/2026-11-20")).StatusCode);
        var bobsPage = await bob.GetStringAsync("/Diary");
        Assert.Contains("Episodes (0)", bobsPage, StringComparison.Ordinal);

        // Bob's form post to delete Alice's episode by id is refused too.
        var token = await CalfwiseFactory.TokenAsync(bob, "/Diary");
        var delete = await bob.PostAsync($"/Diary?handler=Delete&id={id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/diary/episodes/{id}")).StatusCode);
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        var response = await factory.Client().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var document = await factory.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/assessments", "/api/next-question", "/api/labs", "/api/diary/episodes", "/api/diary/episodes/{id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from OpenAPI");
        }
    }

    [Fact]
    public async Task The_openapi_document_has_a_schema_for_every_request_and_answer_body()
    {
        var document = await factory.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var checkedBodies = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (path.Name.StartsWith("/api/fhir/", StringComparison.Ordinal))
                {
                    // FHIR bodies are the FHIR specification's resources, described there: the media type is what must be said.
                    Assert.True(operation.Value.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/fhir+json", out _), $"{name}: no application/fhir+json request");
                    continue;
                }

                if (operation.Value.TryGetProperty("requestBody", out var request))
                {
                    Assert.True(Properties(request.GetProperty("content").GetProperty("application/json").GetProperty("schema"), schemas).Count > 0, $"{name}: request body without a schema");
                    checkedBodies++;
                }
                else
                {
                    Assert.True(operation.Name is "get" or "delete", $"{name}: no request body described");
                }

                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2') && r.Name != "204"))
                {
                    Assert.True(response.Value.TryGetProperty("content", out var content), $"{name} {response.Name}: answer without content");
                    var schema = content.GetProperty("application/json").GetProperty("schema");
                    Assert.True(Properties(schema, schemas).Count > 0, $"{name} {response.Name}: answer schema without properties");
                    checkedBodies++;
                }
            }
        }

        Assert.True(checkedBodies >= 12, $"only {checkedBodies} bodies found");
        var assess = document.GetProperty("paths").GetProperty("/api/assessments").GetProperty("post");
        var caseFields = Properties(assess.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"), schemas);
        foreach (var field in new[] { "age", "birthDate", "sex", "pregnant", "trimester", "findings", "medications", "labs", "instruments", "labsUnavailable" })
        {
            Assert.Contains(field, caseFields);
        }

        var answerFields = Properties(assess.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema"), schemas);
        Assert.Equal(["triage", "redFlags", "differential", "labs", "iron", "criteria", "recommendations", "warnings", "disclaimer", "knowledgeVersion"], answerFields);
        Assert.True(assess.GetProperty("responses").TryGetProperty("400", out _), "bad input is described as a 400 problem");
        Assert.Equal("ferritin", schemas.GetProperty("CaseRequest").GetProperty("examples")[0].GetProperty("labs")[0].GetProperty("analyte").GetString());
        var example = Calfwise.Core.Cases.CaseJson.Read(Calfwise.Web.Api.OpenApiExamples.Case, Calfwise.Knowledge.EmbeddedKnowledge.Instance, TestDates.Today);
        Assert.True(example.IsValid, string.Join("; ", example.Errors)); // the documented example is a case the API accepts
    }

    [Fact]
    public async Task Every_assessment_names_the_knowledge_version_and_reads_a_birth_date()
    {
        var knowledge = factory.Services.GetRequiredService<Calfwise.Core.Knowledge.KnowledgeBase>();
        var response = await factory.Client().PostAsync("/api/assessments", Json("""{"birthDate": "1980-01-01", "sex": "female", "labs": [{"analyte": "ferritin", "value": 28, "unit": "ng/mL", "date": "2026-01-05"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(knowledge.Version, document.RootElement.GetProperty("knowledgeVersion").GetString());
        Assert.StartsWith("k-", knowledge.Version, StringComparison.Ordinal);
    }

    /// <summary>The property names of a schema, following a $ref into the components.</summary>
    private static List<string> Properties(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
        }

        if (schema.TryGetProperty("items", out var items))
        {
            return Properties(items, schemas);
        }

        return schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];
    }
}
