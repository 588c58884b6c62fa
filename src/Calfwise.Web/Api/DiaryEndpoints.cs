using System.Globalization;
using System.Security.Claims;
using Calfwise.Core.Cases;
using Calfwise.Data;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Calfwise.Web.Api;

/// <summary>The signed-in person's symptom diary under /api/diary: episodes and daily factors, through the diary store.</summary>
/// <remarks>Times follow Core's one rule (DiaryTime): an episode may start at most a few minutes after now; a day may not be after the person's local today.</remarks>
public static class DiaryEndpoints
{
    public static void MapDiaryApi(this IEndpointRouteBuilder app)
    {
        var diary = app.MapGroup("/api/diary").RequireRateLimiting(CalfwiseSetup.ApiRateLimit).RequireAuthorization().WithTags("Diary")
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store"; // a person's diary is never kept by a cache
                try
                {
                    return await next(context).ConfigureAwait(false);
                }
                catch (StorageLimitException e)
                {
                    return Full(e.Error);
                }
            });
        diary.MapGet("/episodes", async (ClaimsPrincipal user, DiaryStore store, CancellationToken ct) =>
                Results.Ok((await store.EpisodesAsync(user.Id(), ct).ConfigureAwait(false)).Select(EpisodeDto.From)))
            .WithName("ListEpisodes")
            .Produces<List<EpisodeDto>>();
        diary.MapGet("/episodes/{id:guid}", async (Guid id, ClaimsPrincipal user, DiaryStore store, CancellationToken ct) =>
                await store.EpisodeAsync(user.Id(), id, ct).ConfigureAwait(false) is { } episode ? Results.Ok(EpisodeDto.From(episode)) : Results.NotFound())
            .WithName("GetEpisode")
            .Produces<EpisodeDto>()
            .Produces(StatusCodes.Status404NotFound);
        diary.MapPost("/episodes", async (HttpRequest request, ClaimsPrincipal user, DiaryStore store, TimeProvider clock, CancellationToken ct) =>
            {
                var read = await DiaryBody.ReadAsync<EpisodeDto>(request).ConfigureAwait(false);
                if (read.Value is not { } dto)
                {
                    return Problems.Invalid(read.Errors);
                }

                var episode = dto.ToEpisode();
                if (episode.Validate(clock.GetUtcNow()) is { Count: > 0 } errors)
                {
                    return Problems.Invalid(errors);
                }

                var saved = await store.AddEpisodeAsync(user.Id(), episode, ct).ConfigureAwait(false);
                return Results.Created($"/api/diary/episodes/{saved.Id}", EpisodeDto.From(saved));
            })
            .Accepts<EpisodeDto>("application/json")
            .WithName("CreateEpisode")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Produces<EpisodeDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        diary.MapPut("/episodes/{id:guid}", async (Guid id, HttpRequest request, ClaimsPrincipal user, DiaryStore store, TimeProvider clock, CancellationToken ct) =>
            {
                var read = await DiaryBody.ReadAsync<EpisodeDto>(request).ConfigureAwait(false);
                if (read.Value is not { } dto)
                {
                    return Problems.Invalid(read.Errors);
                }

                var episode = dto.ToEpisode();
                if (episode.Validate(clock.GetUtcNow()) is { Count: > 0 } errors)
                {
                    return Problems.Invalid(errors);
                }

                return await store.UpdateEpisodeAsync(user.Id(), id, episode, ct).ConfigureAwait(false) is { } saved
                    ? Results.Ok(EpisodeDto.From(saved))
                    : Results.NotFound();
            })
            .Accepts<EpisodeDto>("application/json")
            .WithName("UpdateEpisode")
            .Produces<EpisodeDto>()
            .Produces(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        diary.MapDelete("/episodes/{id:guid}", async (Guid id, ClaimsPrincipal user, DiaryStore store, CancellationToken ct) =>
                await store.DeleteEpisodeAsync(user.Id(), id, ct).ConfigureAwait(false) ? Results.NoContent() : Results.NotFound())
            .WithName("DeleteEpisode")
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status404NotFound);
        diary.MapGet("/days", async (ClaimsPrincipal user, DiaryStore store, CancellationToken ct) =>
                Results.Ok((await store.DaysAsync(user.Id(), ct).ConfigureAwait(false)).Select(DayDto.From)))
            .WithName("ListDays")
            .Produces<List<DayDto>>();
        diary.MapPut("/days/{date}", async (string date, HttpRequest request, ClaimsPrincipal user, DiaryStore store, PersonClock clock, CancellationToken ct) =>
            {
                if (Date(date) is not { } day)
                {
                    return BadDate();
                }

                var read = await DiaryBody.ReadAsync<DayDto>(request).ConfigureAwait(false);
                if (read.Value is not { } dto)
                {
                    return Problems.Invalid(read.Errors);
                }

                var factors = dto.ToFactors(day);
                var now = await clock.NowAsync(user.Id(), null, ct).ConfigureAwait(false);
                if (factors.Validate(now.Today) is { Count: > 0 } errors)
                {
                    return Problems.Invalid(errors);
                }

                return Results.Ok(DayDto.From(await store.SaveDayAsync(user.Id(), factors, ct).ConfigureAwait(false)));
            })
            .Accepts<DayDto>("application/json")
            .WithName("SaveDay")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Produces<DayDto>()
            .ProducesValidationProblem();
        diary.MapDelete("/days/{date}", async (string date, ClaimsPrincipal user, DiaryStore store, CancellationToken ct) =>
                Date(date) is not { } day ? BadDate()
                : await store.DeleteDayAsync(user.Id(), day, ct).ConfigureAwait(false) ? Results.NoContent() : Results.NotFound())
            .WithName("DeleteDay")
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status404NotFound);
    }

    /// <summary>The date in the address: exactly yyyy-MM-dd, or null (then a problem naming "date", never an empty 400).</summary>
    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>409: the person keeps as much as <see cref="StorageLimits"/> allows; the problem names what is full.</summary>
    private static ProblemHttpResult Full(InputError error) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "The diary is full.",
        detail: $"{error.Field}: {error.Message}",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [error.Field] = [error.Message] } });

    private static ValidationProblem BadDate() => Problems.Invalid([new InputError("date", "must be a date written yyyy-MM-dd, for example 2026-11-20")]);
}
