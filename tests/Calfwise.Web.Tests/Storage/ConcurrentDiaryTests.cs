using System.Net;
using System.Net.Http.Json;
using Calfwise.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests.Storage;

/// <summary>
/// The same new diary day saved many times at once (a double-submitted form, a retrying client): every save answers
/// without a server error and the person has exactly one row for the day, on SQLite and on PostgreSQL.
/// </summary>
public static class ConcurrentDiary
{
    public static async Task SavingTheSameNewDayInParallelGivesOneRowAndNoServerErrorAsync(CalfwiseFactory factory, int parallel)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var client = await factory.SignedInClientAsync($"parallel-{Guid.NewGuid():N}@example.org");
        for (var round = 0; round < 3; round++)
        {
            var date = $"2026-10-{10 + round:00}";
            using var start = new SemaphoreSlim(0);
            var saves = Enumerable.Range(0, parallel).Select(async i =>
            {
                await start.WaitAsync();
                return await client.PutAsJsonAsync($"/api/diary/days/{date}", new { caffeineCups = i % 7, stress = 1 + (i % 5) });
            }).ToList();
            start.Release(parallel);
            var responses = await Task.WhenAll(saves);

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CalfwiseDbContext>();
            Assert.Equal(1, await db.DailyFactors.CountAsync(d => d.Date == DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}

public sealed class SqliteConcurrentDiaryTests
{
    [Fact]
    public async Task A_day_form_submitted_many_times_at_once_saves_one_row_and_no_server_error()
    {
        using var factory = new CalfwiseFactory();
        var client = await factory.SignedInClientAsync($"double-submit-{Guid.NewGuid():N}@example.org");
        var token = await CalfwiseFactory.TokenAsync(client, "/Diary");
        var day = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(-3);

        var posts = await Task.WhenAll(Enumerable.Range(0, 120).Select(_ => client.PostAsync("/Diary?handler=Day", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["day"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["stress"] = "2",
            ["__RequestVerificationToken"] = token,
        }))));

        Assert.All(posts, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<CalfwiseDbContext>().DailyFactors.CountAsync(d => d.Date == day));
    }

    [Fact]
    public async Task Saving_the_same_new_day_in_parallel_on_sqlite_gives_one_row_and_no_server_error()
    {
        using var factory = new CalfwiseFactory();
        await ConcurrentDiary.SavingTheSameNewDayInParallelGivesOneRowAndNoServerErrorAsync(factory, 120);
    }
}

[Trait(TestCategories.Name, TestCategories.Slow)]
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresConcurrentDiaryTests(PostgresServer server)
{
    [Fact]
    public async Task Saving_the_same_new_day_in_parallel_on_postgresql_gives_one_row_and_no_server_error()
    {
        using var factory = new CalfwiseFactory();
        factory.Settings["ConnectionStrings:Postgres"] = await server.CreateDatabaseAsync("parallel");
        await ConcurrentDiary.SavingTheSameNewDayInParallelGivesOneRowAndNoServerErrorAsync(factory, 60);
    }
}
