using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Data;
using Microsoft.EntityFrameworkCore;

namespace Calfwise.Web.Api;

/// <summary>A diary episode as the API reads and writes it.</summary>
/// <remarks>Every field but <see cref="Id"/> is required in a request: a missing one is a 400, never a default.</remarks>
public sealed record EpisodeDto(
    DateTimeOffset Start,
    int DurationMinutes,
    Leg Leg,
    string Location,
    EpisodeKind Kind,
    int Intensity,
    bool AtRest,
    Guid? Id = null)
{
    public DiaryEpisode ToEpisode() => new(Id ?? Guid.Empty, Start, DurationMinutes, Leg, Location?.Trim() ?? "", Kind, Intensity, AtRest);

    public IReadOnlyList<InputError> Validate(DateTimeOffset now) => ToEpisode().Validate(now);

    public EpisodeRow ToRow(Guid id, string userId)
    {
        var row = new EpisodeRow { Id = id, UserId = userId, Leg = "", Location = "", Kind = "" };
        CopyTo(row);
        return row;
    }

    public void CopyTo(EpisodeRow row)
    {
        row.Start = Start.ToUniversalTime();
        row.OffsetMinutes = (int)Start.Offset.TotalMinutes;
        row.DurationMinutes = DurationMinutes;
        row.Leg = Leg.ToString();
        row.Location = Location.Trim();
        row.Kind = Kind.ToString();
        row.Intensity = Intensity;
        row.AtRest = AtRest;
    }

    public static EpisodeDto From(EpisodeRow row) =>
        new(row.Start.ToOffset(TimeSpan.FromMinutes(row.OffsetMinutes)), row.DurationMinutes, Enum.Parse<Leg>(row.Leg), row.Location, Enum.Parse<EpisodeKind>(row.Kind), row.Intensity, row.AtRest, row.Id);

    public static DiaryEpisode ToEpisode(EpisodeRow row) => From(row).ToEpisode() with { Id = row.Id };
}

/// <summary>A day's factors as the API reads and writes them.</summary>
/// <remarks>Every factor is optional; the date comes from the address.</remarks>
public sealed record DayDto(
    DateOnly? Date = null,
    int? CaffeineCups = null,
    decimal? AlcoholUnits = null,
    decimal? SleepHours = null,
    int? Stress = null,
    int? ExerciseMinutes = null,
    decimal? FluidsLitres = null,
    bool? IronTaken = null)
{
    public DailyFactors ToFactors(DateOnly date) => new(date, CaffeineCups, AlcoholUnits, SleepHours, Stress, ExerciseMinutes, FluidsLitres, IronTaken);

    public static void CopyTo(DailyFactors factors, DailyFactorsRow row)
    {
        row.CaffeineCups = factors.CaffeineCups;
        row.AlcoholUnits = factors.AlcoholUnits;
        row.SleepHours = factors.SleepHours;
        row.Stress = factors.Stress;
        row.ExerciseMinutes = factors.ExerciseMinutes;
        row.FluidsLitres = factors.FluidsLitres;
        row.IronTaken = factors.IronTaken;
    }

    public static DayDto From(DailyFactorsRow row) =>
        new(row.Date, row.CaffeineCups, row.AlcoholUnits, row.SleepHours, row.Stress, row.ExerciseMinutes, row.FluidsLitres, row.IronTaken);

    public static DailyFactors ToFactors(DailyFactorsRow row) => From(row).ToFactors(row.Date);

    /// <summary>Saves a day's factors for a user: one row per user and date, replaced when the day is logged again.</summary>
    public static async Task<DailyFactorsRow> SaveAsync(CalfwiseDbContext db, string userId, DailyFactors factors, CancellationToken ct)
    {
        var row = await db.DailyFactors.FirstOrDefaultAsync(d => d.UserId == userId && d.Date == factors.Date, ct).ConfigureAwait(false);
        if (row is null)
        {
            row = new DailyFactorsRow { Id = Guid.NewGuid(), UserId = userId, Date = factors.Date };
            db.DailyFactors.Add(row);
        }

        CopyTo(factors, row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return row;
    }
}
