using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Calfwise.Web.Tests.Storage;

/// <summary>The storage contract on a real SQLite file in a fresh temporary folder.</summary>
public sealed class SqliteStorageTests : StorageTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("calfwise-sqlite-").FullName;

    private string DatabasePath => Path.Combine(_folder, "calfwise.db");

    protected override IReadOnlyList<string> ExpectedMigrations { get; } = ["20261126052417_Initial", "20261202010025_TraceableAssessmentsAndTimeZones", "20261202060251_DataProtectionKeys", "20261202095251_CdsFeedback"];

    protected override Task<(string? Postgres, string SqlitePath)> EmptyDatabaseAsync() => Task.FromResult<(string?, string)>((null, DatabasePath));

    [Fact]
    public async Task The_database_is_a_file_in_wal_mode_with_foreign_keys_enforced()
    {
        await MigrateAsync();

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal("wal", await ReadAsync(db => Scalar(db, "PRAGMA journal_mode")));
        Assert.Equal("1", await ReadAsync(db => Scalar(db, "PRAGMA foreign_keys")));
        // Storage.MigrateAsync documents synchronous=FULL (2): every commit is fsynced before it is acknowledged.
        Assert.Equal("2", await ReadAsync(db => Scalar(db, "PRAGMA synchronous")));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<string> Scalar(DbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync(); // through EF, which sets its pragmas on every connection it opens
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
