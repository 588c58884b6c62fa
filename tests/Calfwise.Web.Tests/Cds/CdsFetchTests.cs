using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Calfwise.Web.Cds;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Calfwise.Web.Tests.Cds.CdsRecords;

namespace Calfwise.Web.Tests.Cds;

/// <summary>Without prefetch the service fetches the record from the EHR's FHIR server, with the EHR's bearer token.</summary>
public sealed class CdsFetchTests(CdsHost host) : IClassFixture<CdsHost>
{
    private const string PatientView = "/cds-services/calfwise-patient-view";
    private const string Token = "ehr-access-token-123";

    /// <summary>The EHR's FHIR server: serves the patient's resources to a caller with the right token, 401 otherwise.</summary>
    private sealed class FhirServer(DateTimeOffset labDate) : HttpMessageHandler
    {
        public ConcurrentQueue<string> Asked { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.PathAndQuery;
            Asked.Enqueue(path);
            if (request.Headers.Authorization?.ToString() != "Bearer " + Token)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
            }

            JsonObject? body = path switch
            {
                _ when path.StartsWith("/fhir/Patient/" + PatientId, StringComparison.Ordinal) => Patient(),
                _ when path.StartsWith("/fhir/Observation?", StringComparison.Ordinal) => Bundle(Lab("f1", "2276-4", 30, "ng/mL", labDate)),
                _ when path.StartsWith("/fhir/Condition?", StringComparison.Ordinal) => Bundle(RestlessLegs()),
                _ when path.StartsWith("/fhir/MedicationRequest?", StringComparison.Ordinal) => Bundle(),
                _ when path.StartsWith("/fhir/Procedure?", StringComparison.Ordinal) => Bundle(),
                _ => null,
            };
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/fhir+json") });
        }
    }

    private (HttpClient Client, FhirServer Server) AppWithFhirServer()
    {
        var server = new FhirServer(host.Factory.Clock.GetUtcNow().AddDays(-3));
        var factory = host.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(CdsRecord.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => server)));
        return (factory.CreateClient(), server);
    }

    private static JsonObject WithoutPrefetch(string? token)
    {
        var request = Request("patient-view", []);
        request.Remove("prefetch");
        request["fhirServer"] = "https://ehr.example.org/fhir";
        request["fhirAuthorization"] = new JsonObject
        {
            ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "patient/*.read", ["subject"] = "calfwise",
        };
        return request;
    }

    [Fact]
    public async Task The_record_is_fetched_with_the_bearer_token_and_assessed()
    {
        var (client, server) = AppWithFhirServer();
        using var response = await host.CallAsync(PatientView, WithoutPrefetch(Token), client);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var card = Assert.Single(CdsSpec.Cards(body))!;
        Assert.Contains("ferritin is 30 ng/mL", card["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(5, server.Asked.Count);
        Assert.Contains(server.Asked, p => p.StartsWith("/fhir/Patient/" + PatientId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_FHIR_server_that_refuses_the_token_gives_412()
    {
        var (client, _) = AppWithFhirServer();
        using var response = await host.CallAsync(PatientView, WithoutPrefetch("wrong-token"), client);
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }
}
