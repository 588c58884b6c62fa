using Calfwise.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using DataStorage = Calfwise.Data.Storage;

namespace Calfwise.Web.Tests.Storage;

/// <summary>
/// The storage contract, written once and run on both databases (<see cref="SqliteStorageTests"/> on a real file,
/// <see cref="PostgresStorageTests"/> on a real server). Each test gets a fresh, empty database and reads back through
/// a new context, so what it sees came from the database and not from a change tracker.
/// </summary>
public abstract class StorageTests : IAsyncLifetime
{
    private const string Password = "Correct-horse-battery-9";

    private ServiceProvider? _services;

    /// <summary>The migrations this provider must have, oldest first. A new migration must be added for both providers.</summary>
    protected abstract IReadOnlyList<string> ExpectedMigrations { get; }

    protected ServiceProvider Services => _services ?? throw new InvalidOperationException("not initialised");

    /// <summary>A fresh, empty database: a PostgreSQL connection string, or null and the SQLite file to use.</summary>
    protected abstract Task<(string? Postgres, string SqlitePath)> EmptyDatabaseAsync();

    public async Task InitializeAsync()
    {
        var (postgres, sqlitePath) = await EmptyDatabaseAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCalfwiseStorage(postgres, sqlitePath);
        services.AddIdentityCore<CalfwiseUser>().AddEntityFrameworkStores<CalfwiseDbContext>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public virtual async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_applying_them_again_changes_nothing()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = Db(scope);
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());

            await DataStorage.MigrateAsync(db);

            Assert.Equal(ExpectedMigrations, await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(ExpectedMigrations, db.Database.GetMigrations());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges(), "the model has changed since the last migration of this provider: add a migration");
            Assert.Equal(0, await db.Users.CountAsync() + await db.Assessments.CountAsync() + await db.Episodes.CountAsync() + await db.DailyFactors.CountAsync());
        }

        var userId = await NewUserAsync("before-second-migration@example.org");

        await using (var scope = Services.CreateAsyncScope())
        {
            var db = Db(scope);
            await DataStorage.MigrateAsync(db);

            Assert.Equal(ExpectedMigrations, await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(userId, Assert.Single(await db.Users.Select(u => u.Id).ToListAsync()));
        }
    }

    [Fact]
    public async Task A_user_round_trips_through_identity()
    {
        await MigrateAsync();
        var id = await NewUserAsync("Round.Trip@Example.org");

        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CalfwiseUser>>();
        var user = await users.FindByEmailAsync("round.trip@example.org");

        Assert.NotNull(user);
        Assert.Equal(id, user.Id);
        Assert.Equal("Round.Trip@Example.org", user.Email);
        Assert.Equal("ROUND.TRIP@EXAMPLE.ORG", user.NormalizedEmail);
        Assert.True(await users.CheckPasswordAsync(user, Password));
        Assert.False(await users.CheckPasswordAsync(user, Password + "x"));
    }

    [Fact]
    public async Task An_assessment_round_trips()
    {
        await MigrateAsync();
        var userId = await NewUserAsync("assessment@example.org");
        var saved = new SavedAssessment
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CreatedAt = new DateTimeOffset(2026, 11, 20, 7, 45, 12, 345, TimeSpan.Zero),
            CaseJson = """{"age": 40, "sex": "female", "findings": {"calf-cramp": true}, "note": "naïve – ünïcödé ✓"}""",
            TriageLevel = "routine",
            TopCondition = "exercise-associated-muscle-cramps",
        };
        await SaveAsync(saved);

        var read = await ReadAsync(db => db.Assessments.SingleAsync(a => a.Id == saved.Id));

        Assert.Equal(Fields(saved), Fields(read));
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
    }

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
    public async Task Episodes_and_assessments_are_ordered_and_filtered_by_time_in_the_database()
    {
        await MigrateAsync();
        var userId = await NewUserAsync("ordering@example.org");
        var otherId = await NewUserAsync("ordering-other@example.org");
        // Clock times and instants disagree on purpose: 21:30+01:00 is later on the clock than 20:29:59.999Z but only a millisecond later in time.
        var starts = new[]
        {
            new DateTimeOffset(2026, 11, 20, 21, 30, 0, TimeSpan.FromHours(1)), // 20:30Z
            new DateTimeOffset(2025, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 20, 20, 29, 59, 999, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(-5)), // 20:00Z
            new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.FromHours(14)), // 31 May 12:00Z
            new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.FromHours(-12)), // 21 Nov 12:00Z
        };
        var episodes = starts.Select(s => Episode(userId, s)).ToArray();
        await SaveAsync([.. episodes, Episode(otherId, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))]);
        var assessments = starts.Select(s => new SavedAssessment
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CreatedAt = s.ToUniversalTime(),
            CaseJson = "{}",
            TriageLevel = "routine",
            TopCondition = "restless-legs",
        }).ToArray();
        await SaveAsync(assessments);
        var byInstant = episodes.OrderBy(e => e.Start.UtcDateTime).Select(e => e.Id).ToList();

        await using var scope = Services.CreateAsyncScope();
        var db = Db(scope);
        var ordered = db.Episodes.Where(e => e.UserId == userId).OrderBy(e => e.Start).Select(e => e.Id);
        Assert.Contains("ORDER BY", ordered.ToQueryString(), StringComparison.Ordinal); // sorted by the database, not in memory
        Assert.Equal(byInstant, await ordered.ToListAsync());
        Assert.Equal(byInstant.AsEnumerable().Reverse(), await db.Episodes.Where(e => e.UserId == userId).OrderByDescending(e => e.Start).Select(e => e.Id).ToListAsync());
        Assert.Equal(byInstant.Take(2), await ordered.Take(2).ToListAsync());

        var from = new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        var inRange = await db.Episodes.Where(e => e.UserId == userId && e.Start >= from && e.Start < to).OrderBy(e => e.Start).Select(e => e.Id).ToListAsync();
        Assert.Equal(episodes.Where(e => e.Start >= from && e.Start < to).OrderBy(e => e.Start.UtcDateTime).Select(e => e.Id), inRange);
        Assert.Equal(3, inRange.Count);

        Assert.Equal(
            assessments.OrderByDescending(a => a.CreatedAt.UtcDateTime).Select(a => a.Id),
            await db.Assessments.Where(a => a.UserId == userId).OrderByDescending(a => a.CreatedAt).Select(a => a.Id).ToListAsync());
    }

    [Fact]
    public async Task Deleting_a_user_deletes_their_assessments_episodes_and_days_and_nobody_elses()
    {
        await MigrateAsync();
        var goneId = await NewUserAsync("leaving@example.org");
        var stayId = await NewUserAsync("staying@example.org");
        foreach (var userId in new[] { goneId, stayId })
        {
            await SaveAsync(
                new SavedAssessment { Id = Guid.NewGuid(), UserId = userId, CreatedAt = DateTimeOffset.UnixEpoch, CaseJson = "{}", TriageLevel = "routine", TopCondition = "restless-legs" },
                Episode(userId, new DateTimeOffset(2026, 11, 19, 22, 0, 0, TimeSpan.Zero)),
                Episode(userId, new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.Zero)),
                new DailyFactorsRow { Id = Guid.NewGuid(), UserId = userId, Date = new DateOnly(2026, 11, 20), Stress = 3 });
        }

        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CalfwiseUser>>();
            var result = await users.DeleteAsync((await users.FindByIdAsync(goneId))!);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await using (var scope = Services.CreateAsyncScope())
        {
            var db = Db(scope);
            Assert.Equal(stayId, Assert.Single(await db.Users.Select(u => u.Id).ToListAsync()));
            Assert.Equal((0, 0, 0), await CountsAsync(db, goneId));
            Assert.Equal((1, 2, 1), await CountsAsync(db, stayId));
        }

        static async Task<(int, int, int)> CountsAsync(CalfwiseDbContext db, string userId) => (
            await db.Assessments.CountAsync(a => a.UserId == userId),
            await db.Episodes.CountAsync(e => e.UserId == userId),
            await db.DailyFactors.CountAsync(d => d.UserId == userId));
    }

    protected static CalfwiseDbContext Db(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<CalfwiseDbContext>();

    protected async Task MigrateAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await DataStorage.MigrateAsync(Db(scope));
    }

    protected async Task<T> ReadAsync<T>(Func<CalfwiseDbContext, Task<T>> read)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = Db(scope);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return await read(db);
    }

    private async Task<string> NewUserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CalfwiseUser>>();
        var user = new CalfwiseUser { UserName = email, Email = email };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    private async Task SaveAsync(params object[] rows)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = Db(scope);
        db.AddRange(rows);
        await db.SaveChangesAsync();
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

    // Every stored field, compared by value; times by their exact instant (DateTimeOffset equality alone ignores the offset).
    private static object Fields(SavedAssessment a) => (a.Id, a.UserId, a.CreatedAt.UtcTicks, a.CaseJson, a.TriageLevel, a.TopCondition);

    private static object Fields(EpisodeRow e) =>
        (e.Id, e.UserId, e.Start.UtcTicks, e.OffsetMinutes, e.DurationMinutes, e.Leg, e.Location, e.Kind, e.Intensity, e.AtRest);

    private static object Fields(DailyFactorsRow d) =>
        (d.Id, d.UserId, d.Date, d.CaffeineCups, d.AlcoholUnits, d.SleepHours, d.Stress, d.ExerciseMinutes, d.FluidsLitres, d.IronTaken);
}
