using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Calfwise.Web.Setup;

namespace Calfwise.Web.Api;

/// <summary>The REST API under /api. Errors are RFC 9457 problem details naming the field.</summary>
public static class ApiEndpoints
{
    public static void MapCalfwiseApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireRateLimiting(CalfwiseSetup.ApiRateLimit).WithTags("Calfwise");

        api.MapPost("/assessments", (JsonElement body, KnowledgeBase knowledge, AssessmentEngine engine) =>
                WithCase(body, knowledge, patient =>
                {
                    var outcome = engine.Assess(patient);
                    return outcome.IsSuccess ? Results.Text(AssessmentJson.Write(outcome.Value), "application/json") : Problems.Invalid(outcome.Errors);
                }))
            .WithName("AssessCase")
            .WithSummary("Assess a case (docs/case-format.md): triage, red flags, differential, labs, criteria and plan.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem();

        api.MapPost("/next-question", (JsonElement body, KnowledgeBase knowledge, Interviewer interviewer) =>
                WithCase(body, knowledge, patient =>
                {
                    var outcome = interviewer.Next(patient);
                    return outcome.IsSuccess ? Results.Text(InterviewJson.Write(outcome.Value), "application/json") : Problems.Invalid(outcome.Errors);
                }))
            .WithName("NextQuestion")
            .WithSummary("The next interview question for a partial case, or done with a reason.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem();

        api.MapPost("/labs", (JsonElement body, KnowledgeBase knowledge, TimeProvider clock) =>
                WithCase(body, knowledge, patient =>
                {
                    var valid = CaseValidator.Validate(patient, knowledge, clock);
                    return valid.IsSuccess ? Results.Text(AssessmentJson.WriteLabs(new LabInterpreter(knowledge).Interpret(valid.Value)), "application/json") : Problems.Invalid(valid.Errors);
                }))
            .WithName("InterpretLabs")
            .WithSummary("Interpret lab results in any common unit for a person's age, sex and pregnancy ({age, sex, labs}).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem();

        // An endpoint that reads the body and does nothing: the baseline the load test compares assessments with.
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Load:BaselineEndpoint", false))
        {
            api.MapPost("/baseline", (JsonElement body) => Results.Text("{}", "application/json")).ExcludeFromDescription();
        }
    }

    /// <summary>Reads and validates the case in a request body; bad input becomes problem details naming the field.</summary>
    private static IResult WithCase(JsonElement body, KnowledgeBase knowledge, Func<PatientCase, IResult> handle)
    {
        var read = CaseJson.Read(body, knowledge);
        return read.IsValid ? handle(read.Case!) : Problems.Invalid(read.Errors);
    }
}

/// <summary>Problem details (RFC 9457) for bad input, with each field's messages.</summary>
public static class Problems
{
    public static IResult Invalid(IReadOnlyList<InputError> errors) =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
            title: "The input is not valid.");
}
