using System.Security.Claims;
using Calfwise.Data;
using Calfwise.Web.Setup;
using Microsoft.EntityFrameworkCore;

namespace Calfwise.Web.Api;

/// <summary>The signed-in person's symptom diary under /api/diary: episodes and daily factors.</summary>
public static class DiaryEndpoints
{
    public static void MapDiaryApi(this IEndpointRouteBuilder app)
    {
        var diary = app.MapGroup("/api/diary").RequireRateLimiting(CalfwiseSetup.ApiRateLimit).RequireAuthorization().WithTags("Diary");
        diary.MapGet("/episodes", async (ClaimsPrincipal user, CalfwiseDbContext db, CancellationToken ct) =>
                Results.Ok(await db.Episodes.Where(e => e.UserId == user.Id()).OrderByDescending(e => e.Start).Select(e => EpisodeDto.From(e)).ToListAsync(ct).ConfigureAwait(false)))
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

                var row = dto.ToRow(Guid.NewGuid(), user.Id());
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
                Results.Ok(await db.DailyFactors.Where(d => d.UserId == user.Id()).OrderByDescending(d => d.Date).Select(d => DayDto.From(d)).ToListAsync(ct).ConfigureAwait(false)))
            .WithName("ListDays");
        diary.MapPut("/days/{date}", async (DateOnly date, DayDto dto, ClaimsPrincipal user, CalfwiseDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var factors = dto.ToFactors(date);
                if (factors.Validate(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1))) is { Count: > 0 } errors)
                {
                    return Problems.Invalid(errors);
                }

                var row = await DayDto.SaveAsync(db, user.Id(), factors, ct).ConfigureAwait(false);
                return Results.Ok(DayDto.From(row));
            })
            .WithName("SaveDay")
            .ProducesValidationProblem();
        diary.MapDelete("/days/{date}", async (DateOnly date, ClaimsPrincipal user, CalfwiseDbContext db, CancellationToken ct) =>
            {
                var userId = user.Id();
                var deleted = await db.DailyFactors.Where(d => d.UserId == userId && d.Date == date).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                return deleted == 0 ? Results.NotFound() : Results.NoContent();
            })
            .WithName("DeleteDay");
    }

    /// <summary>The episode if it exists and belongs to the user; another user's episode is "not found", never "forbidden".</summary>
    private static Task<EpisodeRow?> Owned(CalfwiseDbContext db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.Id();
        return db.Episodes.FirstOrDefaultAsync(e => e.Id == id && e.UserId == userId, ct);
    }
}
