using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Calfwise.Core.Diary;

namespace Calfwise.Web.Tests;

/// <summary>The diary page as a person keeps it: changing an entry, words instead of ids, plain messages, how sure each pattern is.</summary>
public sealed partial class DiaryPageTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    private const string Auckland = "Pacific/Auckland";

    [Fact]
    public async Task An_episode_is_changed_on_its_own_page_with_the_rules_of_a_new_one_and_only_by_its_owner()
    {
        var client = await factory.SignedInClientAsync($"edit-{Guid.NewGuid():N}@example.org");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Auckland);
        var start = TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow().AddDays(-1), zone);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, start.Offset);
        var id = await AddEpisodeAsync(client, start);
        // The browser gives the person's zone with any diary form; it is kept with the account.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, "/Diary", "/Diary?handler=Day", new() { ["day"] = $"{start:yyyy-MM-dd}", ["stress"] = "2", ["timeZone"] = Auckland })).StatusCode);

        var form = await client.GetStringAsync($"/Diary/Edit/{id}");
        Assert.Contains($"value=\"{start:yyyy-MM-dd}\"", form, StringComparison.Ordinal); // the person's own date and time, in their zone
        Assert.Contains($"value=\"{start:HH:mm}\"", form, StringComparison.Ordinal);
        Assert.Matches("value=\"twitch\" checked", form);

        var later = start.AddMinutes(30);
        var changed = await PostAsync(client, $"/Diary/Edit/{id}", $"/Diary/Edit/{id}", Fields(later, "cramp", "8"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("Episode changed.", await client.GetStringAsync(changed.Headers.Location), StringComparison.Ordinal);
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/diary/episodes/{id}");
        Assert.Equal("cramp", stored.GetProperty("kind").GetString());
        Assert.Equal(8, stored.GetProperty("intensity").GetInt32());
        Assert.Equal(later.UtcDateTime, DateTimeOffset.Parse(stored.GetProperty("start").GetString()!, CultureInfo.InvariantCulture).UtcDateTime);

        // A change into the future is refused with the same plain sentence as a new episode, and the form keeps what was typed.
        var ahead = await PostAsync(client, $"/Diary/Edit/{id}", $"/Diary/Edit/{id}", Fields(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow().AddHours(2), zone), "twitch", "9"));
        var html = WebUtility.HtmlDecode(await ahead.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ahead.StatusCode);
        Assert.Contains($"<li>{DiaryTime.StartInFutureMessage}</li>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"9\"", html, StringComparison.Ordinal);
        Assert.Equal(8, (await client.GetFromJsonAsync<JsonElement>($"/api/diary/episodes/{id}")).GetProperty("intensity").GetInt32());

        var someoneElse = await factory.SignedInClientAsync($"other-{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await someoneElse.GetAsync($"/Diary/Edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(someoneElse, "/Diary", $"/Diary/Edit/{id}", Fields(later, "twitch", "1"))).StatusCode);
    }

    [Fact]
    public async Task A_logged_day_opens_in_the_day_form_to_be_changed()
    {
        var client = await factory.SignedInClientAsync($"day-{Guid.NewGuid():N}@example.org");
        var day = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(-3);
        await client.PutAsJsonAsync($"/api/diary/days/{day:yyyy-MM-dd}", new { caffeineCups = 5, sleepHours = 5.5m, ironTaken = true });

        var diary = await client.GetStringAsync("/Diary");
        Assert.Contains("5 cups of caffeine, 5.5 hours of sleep, iron taken", diary, StringComparison.Ordinal);
        var form = await client.GetStringAsync($"/Diary?day={day:yyyy-MM-dd}");
        Assert.Contains($"name=\"day\" value=\"{day:yyyy-MM-dd}\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"caffeine\" inputmode=\"numeric\" value=\"5\"", form, StringComparison.Ordinal);
        Assert.Matches("value=\"yes\" checked", form);

        var deleted = await PostAsync(client, "/Diary", $"/Diary?handler=DeleteDay&date={day:yyyy-MM-dd}", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("Day deleted.", await client.GetStringAsync(deleted.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/diary/days")).GetArrayLength());
    }

    [Fact]
    public async Task Patterns_are_shown_in_words_from_the_knowledge_with_their_days_and_never_as_ids()
    {
        var client = await factory.SignedInClientAsync($"labels-{Guid.NewGuid():N}@example.org");
        var first = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(-10);
        for (var d = 0; d < 6; d++)
        {
            var coffee = d < 3;
            await client.PutAsJsonAsync($"/api/diary/days/{first.AddDays(d):yyyy-MM-dd}", new { caffeineCups = coffee ? 6 : 0 });
            for (var n = 0; n < (coffee ? 2 : 0); n++)
            {
                await AddEpisodeAsync(client, new DateTimeOffset(first.AddDays(d).ToDateTime(new TimeOnly(21, n)), TimeSpan.Zero), "urge-to-move");
            }
        }

        var text = Text(await client.GetStringAsync("/Diary"));
        Assert.Contains("More episodes on days with 4+ cups of caffeine", text, StringComparison.Ordinal);
        Assert.Contains("With only 6 days logged this may be coincidence", text, StringComparison.Ordinal);
        Assert.Contains("Begins or worsens at rest", text, StringComparison.Ordinal);
        Assert.Contains("urge to move", text, StringComparison.Ordinal);
        foreach (var id in new[] { "worse-at-rest", "high-caffeine-intake", "worse-evening-night", "UrgeToMove", "urgetomove" })
        {
            Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_mistyped_day_is_explained_in_a_sentence_without_a_field_name()
    {
        var client = await factory.SignedInClientAsync($"typo-{Guid.NewGuid():N}@example.org");
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var response = await PostAsync(client, "/Diary", "/Diary?handler=Day", new() { ["day"] = $"{today:yyyy-MM-dd}", ["caffeine"] = "lots", ["stress"] = "12" });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<li>Caffeinated drinks must be a number, not 'lots'.</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Stress must be from 0 to 10.</li>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<li>\\w+: ", html);
    }

    private static Dictionary<string, string> Fields(DateTimeOffset local, string kind, string intensity) => new()
    {
        ["date"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["time"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["duration"] = "5",
        ["kind"] = kind,
        ["leg"] = "left",
        ["location"] = "calf",
        ["intensity"] = intensity,
        ["atRest"] = "yes",
        ["timeZone"] = Auckland,
    };

    private static async Task<Guid> AddEpisodeAsync(HttpClient client, DateTimeOffset start, string kind = "twitch")
    {
        var response = await client.PostAsJsonAsync("/api/diary/episodes", new { start = start.ToString("o", CultureInfo.InvariantCulture), durationMinutes = 5, leg = "left", location = "calf", kind, intensity = 3, atRest = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await CalfwiseFactory.TokenAsync(client, formPage);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>The words a person sees in the page's main part: no markup, no attributes.</summary>
    private static string Text(string html) =>
        WebUtility.HtmlDecode(Tags().Replace(html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)], " "));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
