using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Calfwise.Web.Tests.Storage;

/// <summary>The whole web app on a real PostgreSQL server: start-up migrations, health, registration and the diary API.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresWebTests(PostgresServer server)
{
    [Fact]
    public async Task The_app_runs_on_postgresql_from_registration_to_the_diary()
    {
        var connectionString = await server.CreateDatabaseAsync("web");
        using var factory = new CalfwiseFactory();
        factory.Settings["ConnectionStrings:Postgres"] = connectionString;

        var health = await factory.Client().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());

        var email = $"pg-{Guid.NewGuid():N}@example.org";
        var client = await factory.SignedInClientAsync(email);
        var episode = new { start = "2026-11-20T21:30:00+01:00", durationMinutes = 10, leg = "left", location = "calf", kind = "urge-to-move", intensity = 6, atRest = true };
        var created = await client.PostAsJsonAsync("/api/diary/episodes", episode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var list = await client.GetFromJsonAsync<JsonElement>("/api/diary/episodes");
        var read = Assert.Single(list.EnumerateArray());
        Assert.Equal(id, read.GetProperty("id").GetGuid());
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T21:30:00+01:00", CultureInfo.InvariantCulture), read.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(1), read.GetProperty("start").GetDateTimeOffset().Offset);
        Assert.Equal("urge-to-move", read.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/diary/episodes/{id}")).StatusCode);

        var day = await client.PutAsJsonAsync("/api/diary/days/2026-11-20", new { caffeineCups = 2, alcoholUnits = 1.5m, sleepHours = 6.25m, stress = 3 });
        Assert.Equal(HttpStatusCode.OK, day.StatusCode);
        var days = await client.GetFromJsonAsync<JsonElement>("/api/diary/days");
        Assert.Equal(6.25m, Assert.Single(days.EnumerateArray()).GetProperty("sleepHours").GetDecimal());

        // The rows are in PostgreSQL (and no SQLite file was made): the user, the episode in UTC, the day.
        Assert.False(File.Exists(factory.DatabasePath));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT e."Start", e."OffsetMinutes", d."SleepHours", (SELECT string_agg("MigrationId", ',') FROM "__EFMigrationsHistory")
            FROM "AspNetUsers" u JOIN "Episodes" e ON e."UserId" = u."Id" JOIN "DailyFactors" d ON d."UserId" = u."Id"
            WHERE u."NormalizedEmail" = @email AND e."Id" = @id AND d."Date" = DATE '2026-11-20'
            """,
            connection);
        command.Parameters.AddWithValue("email", email.ToUpperInvariant());
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the user's episode and day are not in PostgreSQL");
        Assert.Equal(new DateTime(2026, 11, 20, 20, 30, 0, DateTimeKind.Utc), reader.GetDateTime(0));
        Assert.Equal(60, reader.GetInt32(1));
        Assert.Equal(6.25m, reader.GetDecimal(2));
        Assert.Equal("20261126051018_Initial,20261202010032_TraceableAssessmentsAndTimeZones,20261202060259_DataProtectionKeys,20261202095349_CdsFeedback", reader.GetString(3));
    }
}
