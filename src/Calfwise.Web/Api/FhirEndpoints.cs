using System.Text;
using Calfwise.Core.Knowledge;
using Calfwise.Fhir;
using Calfwise.Web.Setup;

namespace Calfwise.Web.Api;

/// <summary>
/// <c>POST /api/fhir/assessments</c>: a FHIR R4 Bundle in (<c>application/fhir+json</c>), the assessment as a Bundle out
/// (docs/fhir.md), with what was not read listed in its OperationOutcome. Bad input is a problem naming the resource.
/// </summary>
public static class FhirEndpoints
{
    public const string MediaType = "application/fhir+json";

    /// <summary>The largest Bundle read, in bytes: a person's record with years of results, far more than a case needs.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static void MapFhirApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/fhir/assessments", async (HttpRequest request, KnowledgeBase knowledge, CalfwiseMetrics metrics, TimeProvider clock) =>
            {
                var type = request.ContentType ?? "";
                if (!type.StartsWith(MediaType, StringComparison.OrdinalIgnoreCase) && !request.HasJsonContentType())
                {
                    return Problems.Invalid([new("(body)", $"must be a FHIR R4 Bundle sent as {MediaType}")]);
                }

                var (body, tooLarge) = await BoundedBody.ReadAsync(request, MaxBytes).ConfigureAwait(false);
                if (body is not { } bytes)
                {
                    return Problems.Invalid([new("(body)", tooLarge!)]);
                }

                string json;
                try
                {
                    json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    return Problems.Invalid([new("(body)", "is not valid UTF-8")]);
                }

                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var outcome = new FhirAssessor(knowledge, clock).Assess(json);
                if (!outcome.IsSuccess || outcome.Value is not { } assessed)
                {
                    return Problems.Invalid(outcome.Errors);
                }

                metrics.Assessed(assessed.Assessment.Triage.Level, started);
                return Results.Text(FhirJson.Write(assessed.Bundle), MediaType, Encoding.UTF8);
            })
            .RequireRateLimiting(CalfwiseSetup.ApiRateLimit)
            .WithTags("FHIR")
            .WithName("AssessFhirBundle")
            .WithSummary("Assess a FHIR R4 Bundle (Patient, Observations, Conditions, medicines, QuestionnaireResponse); the answer is a Bundle (docs/fhir.md).")
            .Accepts<string>(MediaType)
            .Produces<string>(StatusCodes.Status200OK, MediaType);
    }
}
