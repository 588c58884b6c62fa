using Calfwise.Core.Diary;
using Microsoft.EntityFrameworkCore;

namespace Calfwise.Data;

/// <summary>
/// One person's symptom diary in the database: the only place that maps rows to Core's diary types (so Calfwise.Data
/// references Calfwise.Core for them), used by the diary page, the results, the report and the diary API.
/// </summary>
/// <remarks>
/// An episode is stored as its instant in UTC with the offset it was logged at beside it: PostgreSQL keeps only UTC,
/// and SQLite orders the stored integers by clock ticks, so only UTC instants sort in time order on both.
/// </remarks>
public sealed class DiaryStore(CalfwiseDbContext db, StorageLimits limits)
{
    private const int MaxSaveAttempts = 3;

    /// <summary>Everything in one person's diary, newest first.</summary>
    public async Task<(IReadOnlyList<DiaryEpisode> Episodes, IReadOnlyList<DailyFactors> Days)> LoadAsync(string userId, CancellationToken ct)
    {
        var episodes = await EpisodesAsync(userId, ct).ConfigureAwait(false);
        var days = await DaysAsync(userId, ct).ConfigureAwait(false);
        return (episodes, days);
    }

    public async Task<IReadOnlyList<DiaryEpisode>> EpisodesAsync(string userId, CancellationToken ct) =>
        (await db.Episodes.AsNoTracking().Where(e => e.UserId == userId).OrderByDescending(e => e.Start).ToListAsync(ct).ConfigureAwait(false))
            .Select(ToEpisode).ToList();

    /// <summary>The episode if it exists and belongs to the person; another person's episode is not found.</summary>
    public async Task<DiaryEpisode?> EpisodeAsync(string userId, Guid id, CancellationToken ct) =>
        await db.Episodes.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.UserId == userId, ct).ConfigureAwait(false) is { } row ? ToEpisode(row) : null;

    /// <summary>Adds an episode with a new id and returns it as stored.</summary>
    /// <exception cref="StorageLimitException">The person already keeps <see cref="StorageLimits.MaxEpisodesPerPerson"/> episodes.</exception>
    public async Task<DiaryEpisode> AddEpisodeAsync(string userId, DiaryEpisode episode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(episode);
        StorageLimitException.ThrowIfFull(
            await db.Episodes.CountAsync(e => e.UserId == userId, ct).ConfigureAwait(false), limits.MaxEpisodesPerPerson, "episodes", "diary episodes");
        var row = new EpisodeRow { Id = Guid.NewGuid(), UserId = userId, Leg = "", Location = "", Kind = "" };
        CopyTo(episode, row);
        db.Episodes.Add(row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return ToEpisode(row);
    }

    /// <summary>Replaces the person's episode with <paramref name="episode"/>'s fields; null when they have no such episode.</summary>
    public async Task<DiaryEpisode?> UpdateEpisodeAsync(string userId, Guid id, DiaryEpisode episode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(episode);
        if (await db.Episodes.FirstOrDefaultAsync(e => e.Id == id && e.UserId == userId, ct).ConfigureAwait(false) is not { } row)
        {
            return null;
        }

        CopyTo(episode, row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return ToEpisode(row);
    }

    /// <summary>Deletes the person's episode; false when they have no such episode.</summary>
    public async Task<bool> DeleteEpisodeAsync(string userId, Guid id, CancellationToken ct) =>
        await db.Episodes.Where(e => e.Id == id && e.UserId == userId).ExecuteDeleteAsync(ct).ConfigureAwait(false) > 0;

    public async Task<IReadOnlyList<DailyFactors>> DaysAsync(string userId, CancellationToken ct) =>
        (await db.DailyFactors.AsNoTracking().Where(d => d.UserId == userId).OrderByDescending(d => d.Date).ToListAsync(ct).ConfigureAwait(false))
            .Select(ToFactors).ToList();

    /// <summary>Saves a day's factors: one row per person and date, replaced when the day is logged again.</summary>
    /// <remarks>
    /// Two saves of the same new day at once (a double-submitted form) both find no row and both insert; the unique index
    /// on (person, date) refuses the second, which then saves again and finds the first one's row to update.
    /// </remarks>
    /// <exception cref="StorageLimitException">A new day when the person already keeps <see cref="StorageLimits.MaxDaysPerPerson"/> days.</exception>
    public async Task<DailyFactors> SaveDayAsync(string userId, DailyFactors factors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(factors);
        for (var attempt = 1; ; attempt++)
        {
            var row = await db.DailyFactors.FirstOrDefaultAsync(d => d.UserId == userId && d.Date == factors.Date, ct).ConfigureAwait(false);
            if (row is null)
            {
                StorageLimitException.ThrowIfFull(
                    await db.DailyFactors.CountAsync(d => d.UserId == userId, ct).ConfigureAwait(false), limits.MaxDaysPerPerson, "days", "logged days");
                row = new DailyFactorsRow { Id = Guid.NewGuid(), UserId = userId, Date = factors.Date };
                db.DailyFactors.Add(row);
            }

            CopyTo(factors, row);
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return ToFactors(row);
            }
            catch (DbUpdateException e) when (attempt < MaxSaveAttempts && UniqueViolation.Is(e))
            {
                db.Entry(row).State = EntityState.Detached; // the other save's row is read on the next attempt
            }
        }
    }

    /// <summary>Deletes the person's factors for a date; false when there were none.</summary>
    public async Task<bool> DeleteDayAsync(string userId, DateOnly date, CancellationToken ct) =>
        await db.DailyFactors.Where(d => d.UserId == userId && d.Date == date).ExecuteDeleteAsync(ct).ConfigureAwait(false) > 0;

    /// <summary>The person's IANA time zone id as stored with their account, or null.</summary>
    public Task<string?> TimeZoneAsync(string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);

    /// <summary>Stores the person's time zone id (already checked by the caller) when it changed.</summary>
    public async Task SetTimeZoneAsync(string userId, string zoneId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId && u.TimeZone != zoneId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZone, zoneId), ct).ConfigureAwait(false);

    private static void CopyTo(DailyFactors factors, DailyFactorsRow row)
    {
        row.CaffeineCups = factors.CaffeineCups;
        row.AlcoholUnits = factors.AlcoholUnits;
        row.SleepHours = factors.SleepHours;
        row.Stress = factors.Stress;
        row.ExerciseMinutes = factors.ExerciseMinutes;
        row.FluidsLitres = factors.FluidsLitres;
        row.IronTaken = factors.IronTaken;
    }

    private static void CopyTo(DiaryEpisode episode, EpisodeRow row)
    {
        row.Start = episode.Start.ToUniversalTime();
        row.OffsetMinutes = (int)episode.Start.Offset.TotalMinutes;
        row.DurationMinutes = episode.DurationMinutes;
        row.Leg = episode.Leg.ToString();
        row.Location = episode.Location.Trim();
        row.Kind = episode.Kind.ToString();
        row.Intensity = episode.Intensity;
        row.AtRest = episode.AtRest;
    }

    private static DiaryEpisode ToEpisode(EpisodeRow row) => new(
        row.Id,
        row.Start.ToOffset(TimeSpan.FromMinutes(row.OffsetMinutes)),
        row.DurationMinutes,
        Enum.Parse<Leg>(row.Leg, ignoreCase: true),
        row.Location,
        Enum.Parse<EpisodeKind>(row.Kind, ignoreCase: true),
        row.Intensity,
        row.AtRest);

    private static DailyFactors ToFactors(DailyFactorsRow row) =>
        new(row.Date, row.CaffeineCups, row.AlcoholUnits, row.SleepHours, row.Stress, row.ExerciseMinutes, row.FluidsLitres, row.IronTaken);
}
