using System.Text.Json.Nodes;
using Calfwise.Core.Knowledge;
using Calfwise.Data;
using Calfwise.Web.Api;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Http.Extensions;

namespace Calfwise.Web.Cds;

/// <summary>The CDS Hooks 2.0 endpoints: discovery, the services and their feedback (docs/cds-hooks.md).</summary>
public static class CdsEndpoints
{
    public const string Section = "Cds";

    /// <summary>Most bytes of a service call: the prefetched record (labs, medicines, conditions, procedures) fits well within.</summary>
    public const int MaxCallBytes = 4 * 1024 * 1024;

    /// <summary>Most bytes of a feedback post: 100 items with their longest fields.</summary>
    public const int MaxFeedbackBytes = 512 * 1024;

    public static void AddCalfwiseCds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new CdsJwtVerifier(
            CdsIssuers.Read(configuration.GetSection(Section + ":Issuers")), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CdsRecord>();
        services.AddSingleton<CdsServices>();
        services.AddHttpClient(CdsRecord.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
    }

    public static void MapCalfwiseCds(this WebApplication app)
    {
        var group = app.MapGroup("/cds-services").RequireRateLimiting(CalfwiseSetup.ApiRateLimit);
        group.MapGet("/", (KnowledgeBase knowledge) => Results.Json(CdsDiscovery.Describe(knowledge)));

        var calls = group.MapGroup("/").AddEndpointFilter(VerifyJwtAsync);
        calls.MapPost("/{id}", async (string id, HttpRequest request, CdsServices cds) =>
        {
            if (!CdsServices.Known(id))
            {
                return Problem(StatusCodes.Status404NotFound, $"No CDS service '{id}'; GET /cds-services lists them.");
            }

            var (body, problem) = await ReadObjectAsync(request, MaxCallBytes).ConfigureAwait(false);
            return body is null
                ? problem!
                : await cds.AnswerAsync(id, body, request.HttpContext.RequestAborted).ConfigureAwait(false);
        });
        calls.MapPost("/{id}/feedback", async (string id, HttpRequest request, CdsFeedbackStore store, TimeProvider time) =>
        {
            if (!CdsServices.Known(id))
            {
                return Problem(StatusCodes.Status404NotFound, $"No CDS service '{id}'; GET /cds-services lists them.");
            }

            var (body, problem) = await ReadObjectAsync(request, MaxFeedbackBytes).ConfigureAwait(false);
            if (body is null)
            {
                return problem!;
            }

            var (rows, invalid) = CdsFeedbackReader.Read(id, body, time.GetUtcNow());
            if (rows is null)
            {
                return Problem(StatusCodes.Status400BadRequest, invalid!);
            }

            await store.AddAsync(rows, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return Results.Ok();
        });
    }

    private static async ValueTask<object?> VerifyJwtAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var verifier = context.HttpContext.RequestServices.GetRequiredService<CdsJwtVerifier>();
        var audience = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path);
        var refused = await verifier.VerifyAsync(request.Headers.Authorization.ToString(), audience).ConfigureAwait(false);
        if (refused is null)
        {
            return await next(context).ConfigureAwait(false);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return Problem(StatusCodes.Status401Unauthorized, refused);
    }

    /// <summary>The body as a JSON object, or the 400 problem saying why it is not one (too large, not JSON, not an object).</summary>
    private static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, int maxBytes)
    {
        var (bytes, tooLarge) = await BoundedBody.ReadAsync(request, maxBytes).ConfigureAwait(false);
        if (bytes is not { } body)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "The request body " + tooLarge + "."));
        }

        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                return (json, null);
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Answered below, like any body that is not an object.
        }

        return (null, Problem(StatusCodes.Status400BadRequest, "The request body must be a JSON object."));
    }

    /// <summary>The string a JSON value holds; null for anything else (a number, an object, nothing).</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);
}
