using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Core.Contracts;
using Calfwise.Core.Engine;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Calfwise.Web.Api;

/// <summary>The REST API under /api. Errors are RFC 9457 problem details naming the field.</summary>
public static class ApiEndpoints
{
    public static void MapCalfwiseApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireRateLimiting(CalfwiseSetup.ApiRateLimit).WithTags("Calfwise");

        api.MapPost("/assessments", async Task<Results<ContractResult<AssessmentResponse>, ValidationProblem>> (HttpRequest request, KnowledgeBase knowledge, AssessmentEngine engine, CalfwiseMetrics metrics, TimeProvider clock) =>
            {
                var read = await CaseBody.ReadAsync(request, knowledge, clock).ConfigureAwait(false);
                if (!read.IsValid)
                {
                    return Problems.Invalid(read.Errors);
                }

                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var assessment = engine.Assess(read.Validated);
                metrics.Assessed(assessment.Triage.Level, started);
                return new ContractResult<AssessmentResponse>(() => Responses.From(assessment, knowledge.Version), ContractJson.Compact.AssessmentResponse, writer => CompactAnswer.Write(writer, assessment, knowledge.Version));
            })
            .WithName("AssessCase")
            .WithSummary("Assess a case (docs/case-format.md): triage, red flags, differential, labs, criteria and plan.")
            .Accepts<CaseRequest>("application/json");

        api.MapPost("/next-question", async Task<Results<ContractResult<NextQuestionResponse>, ValidationProblem>> (HttpRequest request, KnowledgeBase knowledge, Interviewer interviewer, TimeProvider clock) =>
            {
                var read = await CaseBody.ReadAsync(request, knowledge, clock).ConfigureAwait(false);
                if (!read.IsValid)
                {
                    return Problems.Invalid(read.Errors);
                }

                return Contract(Responses.From(interviewer.Next(read.Validated)), ContractJson.Compact.NextQuestionResponse);
            })
            .WithName("NextQuestion")
            .WithSummary("The next interview question for a partial case, or done with a reason.")
            .Accepts<CaseRequest>("application/json");

        api.MapPost("/labs", async Task<Results<ContractResult<LabsResponse>, ValidationProblem>> (HttpRequest request, KnowledgeBase knowledge, TimeProvider clock) =>
            {
                var read = await CaseBody.ReadAsync(request, knowledge, clock).ConfigureAwait(false);
                return read.IsValid
                    ? Contract(Responses.From(new LabInterpreter(knowledge).Interpret(read.Validated)), ContractJson.Compact.LabsResponse)
                    : Problems.Invalid(read.Errors);
            })
            .WithName("InterpretLabs")
            .WithSummary("Interpret lab results in any common unit for a person's age, sex and pregnancy ({age, sex, labs}).")
            .Accepts<CaseRequest>("application/json");

        // An endpoint that reads the body and does nothing: the baseline the load test compares assessments with.
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Load:BaselineEndpoint", false))
        {
            api.MapPost("/baseline", (JsonElement body) => Results.Text("{}", "application/json")).ExcludeFromDescription();
        }
    }

    private static ContractResult<T> Contract<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class => new(value, typeInfo);
}

/// <summary>Problem details (RFC 9457) for bad input, with each field's messages.</summary>
public static class Problems
{
    public static ValidationProblem Invalid(IReadOnlyList<InputError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
            title: "The input is not valid.");
}
