namespace Calfwise.Web.Tests.Storage;

/// <summary>The storage contract on a real PostgreSQL server, a fresh database for each test.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresStorageTests(PostgresServer server) : StorageTests
{
    protected override IReadOnlyList<string> ExpectedMigrations { get; } = ["20261126051018_Initial", "20261202010032_TraceableAssessmentsAndTimeZones", "20261202060259_DataProtectionKeys", "20261202095349_CdsFeedback"];

    protected override async Task<(string? Postgres, string SqlitePath)> EmptyDatabaseAsync() =>
        (await server.CreateDatabaseAsync("storage"), "unused-by-postgres.db");
}
