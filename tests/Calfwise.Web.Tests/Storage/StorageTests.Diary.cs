using Calfwise.Core.Diary;
using Calfwise.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests.Storage;

/// <summary>The storage contract for the symptom diary: episodes in UTC with the person's offset, days one per date.</summary>
public abstract partial class StorageTests
{
    [Fact]
    public async Task An_episode_round_trips_in_utc_with_the_persons_offset()
    {
        await MigrateAsync();
        var userId = await NewUserAsync("episode@example.org");
        // 21:30 in Paris (+01:00) and 03:10 in New York (-05:00), stored as UTC instants with the offsets beside them.
        var evening = Episode(userId, new DateTimeOffset(2026, 11, 20, 21, 30, 15, 250, TimeSpan.FromHours(1)));
        var night = Episode(userId, new DateTimeOffset(2026, 11, 21, 3, 10, 0, TimeSpan.FromHours(-5)), kind: "cramp", atRest: false);
        await SaveAsync(evening, night);

        var read = await ReadAsync(db => db.Episodes.Where(e => e.UserId == userId).ToDictionaryAsync(e => e.Id));

        foreach (var expected in new[] { evening, night })
        {
            var actual = read[expected.Id];
            Assert.Equal(Fields(expected), Fields(actual));
            Assert.Equal(TimeSpan.Zero, actual.Start.Offset);
        }

        Assert.Equal(21, Local(read[evening.Id]).Hour);
        Assert.Equal(3, Local(read[night.Id]).Hour);
    }

    [Fact]
    public async Task A_day_round_trips_and_a_second_row_for_the_same_user_and_date_is_refused()
    {
        await MigrateAsync();
        var userId = await NewUserAsync("day@example.org");
        var otherId = await NewUserAsync("other-day@example.org");
        var full = new DailyFactorsRow
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Date = new DateOnly(2026, 11, 20),
            CaffeineCups = 3,
            AlcoholUnits = 2.5m,
            SleepHours = 6.75m,
            Stress = 4,
            ExerciseMinutes = 45,
            FluidsLitres = 1.25m,
            IronTaken = true,
        };
        var empty = new DailyFactorsRow { Id = Guid.NewGuid(), UserId = userId, Date = new DateOnly(2024, 2, 29) };
        var othersSameDate = new DailyFactorsRow { Id = Guid.NewGuid(), UserId = otherId, Date = full.Date, SleepHours = 8m };
        await SaveAsync(full, empty, othersSameDate);

        var read = await ReadAsync(db => db.DailyFactors.ToDictionaryAsync(d => d.Id));
        Assert.Equal(3, read.Count);
        Assert.Equal(Fields(full), Fields(read[full.Id]));
        Assert.Equal(Fields(empty), Fields(read[empty.Id]));
        Assert.Equal(Fields(othersSameDate), Fields(read[othersSameDate.Id]));
        Assert.Equal(
            [empty.Id, full.Id],
            await ReadAsync(db => db.DailyFactors.Where(d => d.UserId == userId && d.Date >= new DateOnly(2024, 1, 1)).OrderBy(d => d.Date).Select(d => d.Id).ToListAsync()));

        var duplicate = new DailyFactorsRow { Id = Guid.NewGuid(), UserId = userId, Date = full.Date, Stress = 9 };
        await Assert.ThrowsAsync<DbUpdateException>(() => SaveAsync(duplicate));
        Assert.Equal(Fields(full), Fields(await ReadAsync(db => db.DailyFactors.SingleAsync(d => d.UserId == userId && d.Date == full.Date))));
    }

    [Fact]
    public async Task Episodes_logged_at_mixed_offsets_are_ordered_and_filtered_by_instant_in_the_database()
    {
        await MigrateAsync();
        var userId = await NewUserAsync("ordering@example.org");
        var otherId = await NewUserAsync("ordering-other@example.org");
        // Clock times and instants disagree on purpose: 23:00+05:00 is the latest of 20 November on the clock but 18:00Z,
        // before the others of that day in time; 21:30+01:00 is an hour later on the clock than 20:29:59.999Z but only a
        // millisecond later in time. They go in with their own offsets, through the diary store as the app saves them;
        // the store keeps each as a UTC instant with the offset beside it, and that is why the database sorts them in
        // time order: SQLite's DateTimeOffset converter orders by clock ticks, and PostgreSQL takes UTC only.
        var starts = new[]
        {
            new DateTimeOffset(2026, 11, 20, 21, 30, 0, TimeSpan.FromHours(1)), // 20:30Z
            new DateTimeOffset(2025, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 20, 20, 29, 59, 999, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(-5)), // 20:00Z
            new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.FromHours(14)), // 31 May 12:00Z
            new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.FromHours(-12)), // 21 Nov 12:00Z
            new DateTimeOffset(2026, 11, 20, 23, 0, 0, TimeSpan.FromHours(5)), // 18:00Z
        };
        var ids = new List<Guid>();
        await using (var scope = Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<DiaryStore>();
            foreach (var start in starts)
            {
                ids.Add((await store.AddEpisodeAsync(userId, DomainEpisode(start), CancellationToken.None)).Id);
            }

            await store.AddEpisodeAsync(otherId, DomainEpisode(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        }

        var byInstant = ids.Zip(starts).OrderBy(p => p.Second.UtcDateTime).Select(p => p.First).ToList();
        Assert.NotEqual(byInstant, ids.Zip(starts).OrderBy(p => p.Second.DateTime).Select(p => p.First).ToList()); // the premise: clock order differs

        await using (var scope = Services.CreateAsyncScope())
        {
            var db = Db(scope);
            var ordered = db.Episodes.Where(e => e.UserId == userId).OrderBy(e => e.Start).Select(e => e.Id);
            Assert.Contains("ORDER BY", ordered.ToQueryString(), StringComparison.Ordinal); // sorted by the database, not in memory
            Assert.Equal(byInstant, await ordered.ToListAsync());
            Assert.Equal(byInstant.Take(2), await ordered.Take(2).ToListAsync());
            Assert.All(await db.Episodes.ToListAsync(), e => Assert.Equal(TimeSpan.Zero, e.Start.Offset));

            var from = new DateTimeOffset(2026, 11, 20, 21, 0, 0, TimeSpan.FromHours(1)); // 20:00Z
            var to = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
            var inRange = await db.Episodes.Where(e => e.UserId == userId && e.Start >= from.ToUniversalTime() && e.Start < to).OrderBy(e => e.Start).Select(e => e.Id).ToListAsync();
            Assert.Equal(ids.Zip(starts).Where(p => p.Second >= from && p.Second < to).OrderBy(p => p.Second.UtcDateTime).Select(p => p.First), inRange);
            Assert.Equal(3, inRange.Count);
        }

        // Read back through the store: newest first, each with the offset it was logged at.
        await using (var scope = Services.CreateAsyncScope())
        {
            var episodes = await scope.ServiceProvider.GetRequiredService<DiaryStore>().EpisodesAsync(userId, CancellationToken.None);
            Assert.Equal(byInstant.AsEnumerable().Reverse(), episodes.Select(e => e.Id));
            Assert.Equal(starts.Select(s => (s.UtcTicks, s.Offset)), ids.Select(id => episodes.Single(e => e.Id == id)).Select(e => (e.Start.UtcTicks, e.Start.Offset)));
        }
    }

    [Fact]
    public async Task Assessments_are_ordered_by_when_they_were_saved_in_the_database()
    {
        await MigrateAsync();
        var userId = await NewUserAsync("assessment-order@example.org");
        // Saved in UTC, as the assessment store saves them.
        var at = new[] { new DateTimeOffset(2026, 11, 20, 20, 30, 0, TimeSpan.Zero), new DateTimeOffset(2025, 12, 31, 23, 59, 59, 999, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 20, 29, 59, 999, TimeSpan.Zero) };
        var assessments = at.Select(s => new SavedAssessment { Id = Guid.NewGuid(), UserId = userId, CreatedAt = s, CaseJson = "{}", TriageLevel = "routine", TopCondition = "restless-legs" }).ToArray();
        await SaveAsync(assessments);

        Assert.Equal(
            assessments.OrderByDescending(a => a.CreatedAt.UtcDateTime).Select(a => a.Id),
            await ReadAsync(db => db.Assessments.Where(a => a.UserId == userId).OrderByDescending(a => a.CreatedAt).Select(a => a.Id).ToListAsync()));
    }

    /// <summary>An episode as the app stores one: the instant in UTC and the person's offset beside it.</summary>
    private static EpisodeRow Episode(string userId, DateTimeOffset start, string kind = "urge-to-move", bool atRest = true) => new()
    {
        Id = Guid.NewGuid(),
        UserId = userId,
        Start = start.ToUniversalTime(),
        OffsetMinutes = (int)start.Offset.TotalMinutes,
        DurationMinutes = 12,
        Leg = "left",
        Location = "calf",
        Kind = kind,
        Intensity = 6,
        AtRest = atRest,
    };

    private static DateTimeOffset Local(EpisodeRow row) => row.Start.ToOffset(TimeSpan.FromMinutes(row.OffsetMinutes));

    private static DiaryEpisode DomainEpisode(DateTimeOffset start) => new(Guid.Empty, start, 12, Leg.Left, "calf", EpisodeKind.UrgeToMove, 6, AtRest: true);


    private static object Fields(EpisodeRow e) =>
        (e.Id, e.UserId, e.Start.UtcTicks, e.OffsetMinutes, e.DurationMinutes, e.Leg, e.Location, e.Kind, e.Intensity, e.AtRest);

    private static object Fields(DailyFactorsRow d) =>
        (d.Id, d.UserId, d.Date, d.CaffeineCups, d.AlcoholUnits, d.SleepHours, d.Stress, d.ExerciseMinutes, d.FluidsLitres, d.IronTaken);
}
