using System.Text.Json.Nodes;
using Calfwise.Core.Knowledge;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Http.Extensions;

namespace Calfwise.Web.Cds;

/// <summary>The CDS Hooks 2.0 endpoints: discovery, the services and their feedback (docs/cds-hooks.md).</summary>
public static class CdsEndpoints
{
    public const string Section = "Cds";

    public static void AddCalfwiseCds(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new CdsJwtVerifier(
            CdsIssuers.Read(configuration.GetSection(Section + ":Issuers")), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CdsFeedbackStore>();
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

            var body = await ReadObjectAsync(request).ConfigureAwait(false);
            return body is null
                ? Problem(StatusCodes.Status400BadRequest, "The request body must be a JSON object.")
                : await cds.AnswerAsync(id, body, request.HttpContext.RequestAborted).ConfigureAwait(false);
        });
        calls.MapPost("/{id}/feedback", async (string id, HttpRequest request, CdsFeedbackStore store) =>
        {
            if (!CdsServices.Known(id))
            {
                return Problem(StatusCodes.Status404NotFound, $"No CDS service '{id}'; GET /cds-services lists them.");
            }

            var body = await ReadObjectAsync(request).ConfigureAwait(false);
            if (body?["feedback"] is not JsonArray feedback)
            {
                return Problem(StatusCodes.Status400BadRequest, "feedback: an array of feedback items is required.");
            }

            store.Add(id, feedback);
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

    private static async Task<JsonObject?> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body).ConfigureAwait(false) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The string a JSON value holds; null for anything else (a number, an object, nothing).</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);
}
