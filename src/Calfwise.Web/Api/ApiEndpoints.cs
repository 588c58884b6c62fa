using System.Security.Claims;
using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Core.Contracts;
using Calfwise.Core.Engine;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Calfwise.Data;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Calfwise.Web.Api;

/// <summary>The REST API under /api. Errors are RFC 9457 problem details naming the field.</summary>
public static class ApiEndpoints
{
    public static void MapCalfwiseApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireRateLimiting(CalfwiseSetup.ApiRateLimit).WithTags("Calfwise");

        api.MapPost("/assessments", async Task<Results<ContractResult<AssessmentResponse>, ValidationProblem>> (HttpRequest request, KnowledgeBase knowledge, AssessmentEngine engine, TimeProvider clock) =>
            {
                var read = await CaseBody.ReadAsync(request, knowledge, clock).ConfigureAwait(false);
                if (!read.IsValid)
                {
                    return Problems.Invalid(read.Errors);
                }

                var outcome = engine.Assess(read.Case!);
                return outcome.IsValid ? Contract(Responses.From(outcome.Assessment!, knowledge.Version), ContractJson.Compact.AssessmentResponse) : Problems.Invalid(outcome.Errors);
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

                var outcome = interviewer.Next(read.Case!);
                return outcome.IsValid ? Contract(Responses.From(outcome.Step!), ContractJson.Compact.NextQuestionResponse) : Problems.Invalid(outcome.Errors);
            })
            .WithName("NextQuestion")
            .WithSummary("The next interview question for a partial case, or done with a reason.")
            .Accepts<CaseRequest>("application/json");

        api.MapPost("/labs", async Task<Results<ContractResult<LabsResponse>, ValidationProblem>> (HttpRequest request, KnowledgeBase knowledge, TimeProvider clock) =>
            {
                var read = await CaseBody.ReadAsync(request, knowledge, clock).ConfigureAwait(false);
                return read.IsValid
                    ? Contract(Responses.From(new LabInterpreter(knowledge).Interpret(read.Case!)), ContractJson.Compact.LabsResponse)
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

        var diary = api.MapGroup("/diary").RequireAuthorization().WithTags("Diary");
        diary.MapGet("/episodes", async (ClaimsPrincipal user, CalfwiseDbContext db, CancellationToken ct) =>
                Results.Ok(await db.Episodes.Where(e => e.UserId == UserId(user)).OrderByDescending(e => e.Start).Select(e => EpisodeDto.From(e)).ToListAsync(ct).ConfigureAwait(false)))
            .WithName("ListEpisodes")
            .Produces<List<EpisodeDto>>();
        diary.MapGet("/episodes/{id:guid}", async (Guid id, ClaimsPrincipal user, CalfwiseDbContext db, CancellationToken ct) =>
                await Owned(db, id, user, ct).ConfigureAwait(false) is { } row ? Results.Ok(EpisodeDto.From(row)) : Results.NotFound())
            .WithName("GetEpisode")
            .Produces<EpisodeDto>()
            .Produces(StatusCodes.Status404NotFound);
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
            .Produces<EpisodeDto>(StatusCodes.Status201Created)
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
            .Produces<EpisodeDto>()
            .Produces(StatusCodes.Status404NotFound)
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
            .WithName("DeleteEpisode")
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status404NotFound);
        diary.MapGet("/days", async (ClaimsPrincipal user, CalfwiseDbContext db, CancellationToken ct) =>
                Results.Ok(await db.DailyFactors.Where(d => d.UserId == UserId(user)).OrderByDescending(d => d.Date).Select(d => DayDto.From(d)).ToListAsync(ct).ConfigureAwait(false)))
            .WithName("ListDays")
            .Produces<List<DayDto>>();
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
            .Produces<DayDto>()
            .ProducesValidationProblem();
        diary.MapDelete("/days/{date}", async (DateOnly date, ClaimsPrincipal user, CalfwiseDbContext db, CancellationToken ct) =>
            {
                var userId = UserId(user);
                var deleted = await db.DailyFactors.Where(d => d.UserId == userId && d.Date == date).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                return deleted == 0 ? Results.NotFound() : Results.NoContent();
            })
            .WithName("DeleteDay")
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status404NotFound);
    }

    private static ContractResult<T> Contract<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) => new(value, typeInfo);

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
    public static ValidationProblem Invalid(IReadOnlyList<InputError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
            title: "The input is not valid.");
}
