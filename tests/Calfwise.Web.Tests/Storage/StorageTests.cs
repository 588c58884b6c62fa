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
public abstract partial class StorageTests : IAsyncLifetime
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
            KnowledgeVersion = "k-0123456789ab",
            AssessedCaseJson = """{"age": 40, "sex": "female", "findings": {"calf-cramp": true, "worse-at-rest": true}}""",
            ResultJson = """{"triage": {"level": "Routine", "heading": "Book an appointment ✓"}}""",
        };
        // Saved before assessments were traceable: no version, inputs as assessed or result.
        var older = new SavedAssessment { Id = Guid.NewGuid(), UserId = userId, CreatedAt = DateTimeOffset.UnixEpoch, CaseJson = "{}", TriageLevel = "self-care", TopCondition = "benign-fasciculation" };
        await SaveAsync(saved, older);

        var read = await ReadAsync(db => db.Assessments.SingleAsync(a => a.Id == saved.Id));
        var readOlder = await ReadAsync(db => db.Assessments.SingleAsync(a => a.Id == older.Id));

        Assert.Equal(Fields(saved), Fields(read));
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
        Assert.Equal(Fields(older), Fields(readOlder));
        Assert.Null(readOlder.ResultJson);
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

    protected async Task<string> NewUserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CalfwiseUser>>();
        var user = new CalfwiseUser { UserName = email, Email = email };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    protected async Task SaveAsync(params object[] rows)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = Db(scope);
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    // Every stored field, compared by value; times by their exact instant (DateTimeOffset equality alone ignores the offset).
    private static object Fields(SavedAssessment a) =>
        (a.Id, a.UserId, a.CreatedAt.UtcTicks, a.CaseJson, a.TriageLevel, a.TopCondition, a.KnowledgeVersion, a.AssessedCaseJson, a.ResultJson);
}
