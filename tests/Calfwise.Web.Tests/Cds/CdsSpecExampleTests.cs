using System.Net;
using System.Text.Json.Nodes;
using Calfwise.Web.Cds;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests.Cds;

/// <summary>
/// The CDS Hooks specification's own example requests, hook contexts and feedback (SpecExamples/README.md), sent
/// to Calfwise with a valid signed token. They hold no data Calfwise can act on, so the right answers are an empty
/// cards array when the record is in prefetch, and 412 when it is not and no FHIR server can be reached.
/// </summary>
public sealed class CdsSpecExampleTests(CdsHost host) : IClassFixture<CdsHost>
{
    private const string PatientView = "/cds-services/calfwise-patient-view";

    public static JsonObject Example(string name) =>
        JsonNode.Parse(File.ReadAllText(Repository.PathOf("tests", "Calfwise.Web.Tests", "Cds", "SpecExamples", name)))!.AsObject();

    /// <summary>A FHIR server that cannot be reached (the examples' hooks.smarthealthit.org is not called for real).</summary>
    private sealed class Unreachable : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            throw new HttpRequestException("Name or service not known (" + request.RequestUri!.Host + ")");
        }
    }

    private (HttpClient Client, Unreachable Server) AppWithoutNetwork()
    {
        var server = new Unreachable();
        var factory = host.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(CdsRecord.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => server)));
        return (factory.CreateClient(), server);
    }

    /// <summary>A hook definition's example context made a request: the hook and a fresh hookInstance added.</summary>
    private static JsonObject Call(string hook, string contextExample)
    {
        var request = Example(contextExample);
        request["hook"] = hook;
        request["hookInstance"] = Guid.NewGuid().ToString();
        return request;
    }

    /// <summary>The examples' patient (1288992, a man born in 1925) under Calfwise's prefetch keys, every other key null (no data).</summary>
    private static JsonObject WithSpecPatient(JsonObject request)
    {
        var patient = Example("patient-view-request.json")["prefetch"]!["patientToGreet"]!.DeepClone();
        var prefetch = new JsonObject { ["patient"] = patient };
        foreach (var key in CdsDiscovery.Prefetch(Calfwise.Knowledge.EmbeddedKnowledge.Instance).Keys.Where(k => k != "patient"))
        {
            prefetch[key] = null;
        }

        request["prefetch"] = prefetch;
        return request;
    }

    private async Task<JsonArray> CardsAsync(string path, JsonObject request)
    {
        using var response = await host.CallAsync(path, request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return CdsSpec.Cards(body);
    }

    [Fact]
    public async Task The_example_request_with_another_services_prefetch_and_an_unreachable_fhir_server_is_412()
    {
        var (client, server) = AppWithoutNetwork();
        using var response = await host.CallAsync(PatientView, Example("patient-view-request.json"), client);
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(server.Calls > 0, "the service should have tried the request's fhirServer");
    }

    [Fact]
    public async Task The_example_patient_in_prefetch_with_null_for_no_data_gives_an_empty_cards_array()
    {
        var request = WithSpecPatient(Example("patient-view-request.json"));
        Assert.Empty(await CardsAsync(PatientView, request));
    }

    [Theory]
    [InlineData("patient-view", "patient-view-context.json", PatientView)]
    [InlineData("patient-view", "patient-view-context-encounter.json", PatientView)]
    [InlineData("order-select", "order-select-context-r4.json", "/cds-services/calfwise-order-select")]
    [InlineData("order-sign", "order-sign-context-r4.json", "/cds-services/calfwise-order-sign")]
    public async Task A_hook_definitions_example_context_without_prefetch_or_fhir_server_is_412(string hook, string example, string path)
    {
        using var response = await host.CallAsync(path, Call(hook, example));
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Theory]
    [InlineData("patient-view", "patient-view-context.json", PatientView)]
    [InlineData("order-select", "order-select-context-r4.json", "/cds-services/calfwise-order-select")]
    [InlineData("order-sign", "order-sign-context-r4.json", "/cds-services/calfwise-order-sign")]
    public async Task A_hook_definitions_example_context_with_the_example_patient_gives_no_card(string hook, string example, string path) =>
        Assert.Empty(await CardsAsync(path, WithSpecPatient(Call(hook, example))));

    [Theory]
    [InlineData("feedback-accepted.json")]
    [InlineData("feedback-overridden.json")]
    [InlineData("feedback-override-reason.json")]
    public async Task The_feedback_examples_are_accepted(string example)
    {
        using var response = await host.CallAsync(PatientView + "/feedback", Example(example));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void The_example_response_passes_the_card_rules() =>
        Assert.Equal(2, CdsSpec.Cards(Example("cards-response.json").ToJsonString()).Count);

    [Fact]
    public async Task Calfwise_describes_its_services_with_every_field_of_the_discovery_example()
    {
        var ours = JsonNode.Parse(await host.Factory.Client().GetStringAsync("/cds-services"))!["services"]!.AsArray();
        var fields = Example("discovery-response.json")["services"]!.AsArray().SelectMany(s => s!.AsObject().Select(p => p.Key)).ToHashSet();
        Assert.All(ours, service => Assert.All(fields, field => Assert.NotNull(service![field])));
        Assert.All(ours, service => Assert.All(service!["prefetch"]!.AsObject(), p => Assert.Contains("{{context.patientId}}", p.Value!.GetValue<string>(), StringComparison.Ordinal)));
    }
}
