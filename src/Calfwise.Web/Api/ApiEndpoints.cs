using System.Security.Claims;
using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Calfwise.Data;
using Calfwise.Web.Setup;
using Microsoft.EntityFrameworkCore;

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

        var diary = api.MapGroup("/diary").RequireAuthorization().WithTags("Diary");
        diary.MapGet("/episodes", async (ClaimsPrincipal user, CalfwiseDbContext db, CancellationToken ct) =>
                Results.Ok(await db.Episodes.Where(e => e.UserId == UserId(user)).OrderByDescending(e => e.Start).Select(e => EpisodeDto.From(e)).ToListAsync(ct).ConfigureAwait(false)))
            .WithName("ListEpisodes");
        diary.MapGet("/episodes/{id:guid}", async (Guid id, ClaimsPrincipal user, CalfwiseDbContext db, CancellationToken ct) =>
                await Owned(db, id, user, ct).ConfigureAwait(false) is { } row ? Results.Ok(EpisodeDto.From(row)) : Results.NotFound())
            .WithName("GetEpisode");
        diary.MapPost("/episodes", async (EpisodeDto dto, ClaimsPrincipal user, CalfwiseDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                if (dto.Validate(clock.GetUtcNow()) is { Count: > 0 } errors)
                {
                    return Problems.Invalid(errors);
                }

                var row = dto.ToRow(Guid.NewGuid(), UserId(user));
                db.Episodes.Add(row);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return Results.Created($"/api/diary/episodes/{row.Id}", EpisodeDto.From(row));
            })
            .WithName("CreateEpisode")
            .ProducesValidationProblem();
        diary.MapPut("/episodes/{id:guid}", async (Guid id, EpisodeDto dto, ClaimsPrincipal user, CalfwiseDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                if (dto.Validate(clock.GetUtcNow()) is { Count: > 0 } errors)
                {
                    return Problems.Invalid(errors);
                }

                if (await Owned(db, id, user, ct).ConfigureAwait(false) is not { } row)
                {
                    return Results.NotFound();
                }

                dto.CopyTo(row);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return Results.Ok(EpisodeDto.From(row));
            })
            .WithName("UpdateEpisode")
            .ProducesValidationProblem();
        diary.MapDelete("/episodes/{id:guid}", async (Guid id, ClaimsPrincipal user, CalfwiseDbContext db, CancellationToken ct) =>
            {
                if (await Owned(db, id, user, ct).ConfigureAwait(false) is not { } row)
                {
                    return Results.NotFound();
                }

                db.Episodes.Remove(row);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return Results.NoContent();
            })
            .WithName("DeleteEpisode");
        diary.MapGet("/days", async (ClaimsPrincipal user, CalfwiseDbContext db, CancellationToken ct) =>
                Results.Ok(await db.DailyFactors.Where(d => d.UserId == UserId(user)).OrderByDescending(d => d.Date).Select(d => DayDto.From(d)).ToListAsync(ct).ConfigureAwait(false)))
            .WithName("ListDays");
        diary.MapPut("/days/{date}", async (DateOnly date, DayDto dto, ClaimsPrincipal user, CalfwiseDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var factors = dto.ToFactors(date);
                if (factors.Validate(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1))) is { Count: > 0 } errors)
                {
                    return Problems.Invalid(errors);
                }

                var row = await DayDto.SaveAsync(db, UserId(user), factors, ct).ConfigureAwait(false);
                return Results.Ok(DayDto.From(row));
            })
            .WithName("SaveDay")
            .ProducesValidationProblem();
        diary.MapDelete("/days/{date}", async (DateOnly date, ClaimsPrincipal user, CalfwiseDbContext db, CancellationToken ct) =>
            {
                var userId = UserId(user);
                var deleted = await db.DailyFactors.Where(d => d.UserId == userId && d.Date == date).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                return deleted == 0 ? Results.NotFound() : Results.NoContent();
            })
            .WithName("DeleteDay");
    }

    /// <summary>Reads and validates the case in a request body; bad input becomes problem details naming the field.</summary>
    private static IResult WithCase(JsonElement body, KnowledgeBase knowledge, Func<PatientCase, IResult> handle)
    {
        var read = CaseJson.Read(body, knowledge);
        return read.IsValid ? handle(read.Case!) : Problems.Invalid(read.Errors);
    }

    public static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("an authorised request has a user id");

    /// <summary>The episode if it exists and belongs to the user; another user's episode is "not found", never "forbidden".</summary>
    private static Task<EpisodeRow?> Owned(CalfwiseDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = UserId(user);
        return db.Episodes.FirstOrDefaultAsync(e => e.Id == id && e.UserId == userId, ct);
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
