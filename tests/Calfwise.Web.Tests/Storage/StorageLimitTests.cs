using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests.Storage;

/// <summary>
/// One signed-in person cannot fill the disk: the number of episodes, days and saved assessments each person keeps is
/// limited (settings under Storage:Limits), and reaching a limit is a clear 4xx naming what is full, never a 500.
/// </summary>
public sealed class StorageLimitTests : IDisposable
{
    private readonly CalfwiseFactory _factory = new();

    public StorageLimitTests()
    {
        _factory.Settings["Storage:Limits:MaxEpisodesPerPerson"] = "3";
        _factory.Settings["Storage:Limits:MaxDaysPerPerson"] = "2";
        _factory.Settings["Storage:Limits:MaxAssessmentsPerPerson"] = "1";
    }

    public void Dispose() => _factory.Dispose();

    private static object Episode(int day) => new { start = $"2026-11-{day:00}T22:00:00+00:00", durationMinutes = 1, leg = "left", location = "calf", kind = "twitch", intensity = 1, atRest = true };

    [Fact]
    public async Task Episodes_past_the_limit_are_refused_with_a_problem_and_others_are_unaffected()
    {
        var client = await _factory.SignedInClientAsync($"full-{Guid.NewGuid():N}@example.org");
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/diary/episodes", Episode(i))).StatusCode);
        }

        var fourth = await client.PostAsJsonAsync("/api/diary/episodes", Episode(4));

        await AssertFullAsync(fourth, "episodes", "3");
        Assert.Equal(3, (await client.GetFromJsonAsync<JsonElement>("/api/diary/episodes")).GetArrayLength());
        var other = await _factory.SignedInClientAsync($"not-full-{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/diary/episodes", Episode(1))).StatusCode);
    }

    [Fact]
    public async Task New_days_past_the_limit_are_refused_but_logged_days_can_still_change()
    {
        var client = await _factory.SignedInClientAsync($"full-days-{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/diary/days/2026-11-01", new { stress = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/diary/days/2026-11-02", new { stress = 1 })).StatusCode);

        await AssertFullAsync(await client.PutAsJsonAsync("/api/diary/days/2026-11-03", new { stress = 1 }), "days", "2");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/diary/days/2026-11-02", new { stress = 4 })).StatusCode);
    }

    [Fact]
    public async Task The_diary_page_says_when_the_diary_is_full()
    {
        var client = await _factory.SignedInClientAsync($"full-page-{Guid.NewGuid():N}@example.org");
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/diary/episodes", Episode(i))).StatusCode);
        }

        var response = await PostFormAsync(client, "/Diary", "/Diary?handler=Episode", new()
        {
            ["date"] = "2026-11-10", ["time"] = "21:00", ["duration"] = "5", ["kind"] = "twitch", ["leg"] = "left", ["location"] = "calf", ["intensity"] = "3", ["atRest"] = "yes",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at most 3", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, (await client.GetFromJsonAsync<JsonElement>("/api/diary/episodes")).GetArrayLength());
    }

    [Fact]
    public async Task Saving_an_assessment_past_the_limit_is_refused_on_the_results_page()
    {
        var client = await _factory.SignedInClientAsync($"full-saves-{Guid.NewGuid():N}@example.org");
        var fields = new Dictionary<string, string> { ["case"] = File.ReadAllText(Path.Combine(Repository.Root, "examples", "benign-twitch-coffee.json")) };

        var first = await PostFormAsync(client, "/Labs", "/Results?handler=Save", new(fields));
        Assert.Contains("Saved to your account", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var second = await PostFormAsync(client, "/Labs", "/Results?handler=Save", new(fields));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await second.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Saved to your account", page, StringComparison.Ordinal);
        Assert.Contains("at most 1", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_with_an_email_longer_than_its_column_is_a_client_error_and_stores_nothing()
    {
        var email = new string('a', 60) + "." + new string('b', 60) + "." + new string('c', 60) + "." + new string('d', 60) + "." + new string('e', 60) + "@example.org";
        var client = _factory.Client();
        var response = await PostFormAsync(client, "/Identity/Account/Register", "/Identity/Account/Register", new()
        {
            ["Input.Email"] = email, ["Input.Password"] = "correct horse battery", ["Input.ConfirmPassword"] = "correct horse battery",
        });

        Assert.InRange((int)response.StatusCode, 200, 499);
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Calfwise.Data.CalfwiseDbContext>();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    private static async Task AssertFullAsync(HttpResponseMessage response, string field, string limit)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = Assert.Single(problem.RootElement.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString();
        Assert.Contains($"at most {limit}", message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await CalfwiseFactory.TokenAsync(client, formPage);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }
}
