using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Calfwise.Core.Diary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests;

/// <summary>
/// Diary time on the page and the API, on the factory's fake clock: "today" is the person's date in their time zone,
/// and a time more than <see cref="DiaryTime.FutureTolerance"/> ahead is refused by both with the same message.
/// </summary>
public sealed class DiaryTimeTests : IDisposable
{
    private const string Auckland = "Pacific/Auckland";

    private readonly CalfwiseFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_day_that_is_today_in_Auckland_is_accepted_while_the_servers_utc_date_is_still_yesterday()
    {
        // 20:00 UTC is the next morning in Auckland (UTC+12 or +13).
        var utcToday = DateOnly.FromDateTime(_factory.Clock.GetUtcNow().UtcDateTime);
        if (_factory.Clock.GetUtcNow().Hour >= 20)
        {
            utcToday = utcToday.AddDays(1); // the fake clock only goes forward
        }

        _factory.Clock.SetUtcNow(new DateTimeOffset(utcToday.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero));
        var aucklandToday = utcToday.AddDays(1);
        var kiwi = await _factory.SignedInClientAsync($"kiwi-{Guid.NewGuid():N}@example.org");
        var utcPerson = await _factory.SignedInClientAsync($"utc-{Guid.NewGuid():N}@example.org");

        // The page, with the zone the browser posts: saved, and the zone is kept with the account.
        var saved = await PostDayAsync(kiwi, aucklandToday, Auckland);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains($"value=\"{aucklandToday:yyyy-MM-dd}\"", await kiwi.GetStringAsync("/Diary"), StringComparison.Ordinal); // the form's "today" is theirs

        // The API, for the same person (zone from the account): today is accepted, tomorrow is not.
        Assert.Equal(HttpStatusCode.OK, (await kiwi.PutAsJsonAsync($"/api/diary/days/{aucklandToday:yyyy-MM-dd}", new { stress = 2 })).StatusCode);
        var tomorrow = await kiwi.PutAsJsonAsync($"/api/diary/days/{aucklandToday.AddDays(1):yyyy-MM-dd}", new { stress = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, tomorrow.StatusCode);
        Assert.Equal(DiaryTime.DayInFutureMessage, await FirstErrorAsync(tomorrow, "date"));

        // Someone with no zone is on UTC, where that date is still tomorrow: refused by the page and by the API alike.
        var page = await PostDayAsync(utcPerson, aucklandToday, "");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"<li>{DiaryTime.DayInFutureMessage}</li>", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal); // the sentence alone, no field name
        var api = await utcPerson.PutAsJsonAsync($"/api/diary/days/{aucklandToday:yyyy-MM-dd}", new { stress = 2 });
        Assert.Equal(DiaryTime.DayInFutureMessage, await FirstErrorAsync(api, "date"));
    }

    [Fact]
    public async Task A_time_ten_minutes_ahead_is_refused_by_page_and_api_with_the_same_message_and_four_minutes_is_not()
    {
        var now = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour + 1), TimeSpan.Zero); // on the minute (the fake clock only goes forward)
        _factory.Clock.SetUtcNow(now);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Auckland);
        var client = await _factory.SignedInClientAsync($"ahead-{Guid.NewGuid():N}@example.org");

        var pageAhead = await PostEpisodeAsync(client, TimeZoneInfo.ConvertTime(now.AddMinutes(10), zone), Auckland);
        Assert.Equal(HttpStatusCode.OK, pageAhead.StatusCode);
        Assert.Contains($"<li>{DiaryTime.StartInFutureMessage}</li>", WebUtility.HtmlDecode(await pageAhead.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var apiAhead = await client.PostAsJsonAsync("/api/diary/episodes", Episode(now.AddMinutes(10).ToOffset(TimeSpan.FromHours(-5))));
        Assert.Equal(HttpStatusCode.BadRequest, apiAhead.StatusCode);
        Assert.Equal(DiaryTime.StartInFutureMessage, await FirstErrorAsync(apiAhead, "start"));

        Assert.Equal(HttpStatusCode.Redirect, (await PostEpisodeAsync(client, TimeZoneInfo.ConvertTime(now.AddMinutes(4), zone), Auckland)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/diary/episodes", Episode(now.AddMinutes(4)))).StatusCode);
    }

    [Fact]
    public async Task An_episode_logged_on_the_page_is_the_instant_the_person_meant_with_their_offset_as_the_api_keeps_it()
    {
        var now = _factory.Clock.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Auckland);
        var local = TimeZoneInfo.ConvertTime(now.AddHours(-3), zone);
        var client = await _factory.SignedInClientAsync($"instant-{Guid.NewGuid():N}@example.org");

        Assert.Equal(HttpStatusCode.Redirect, (await PostEpisodeAsync(client, local, Auckland)).StatusCode);

        var stored = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/diary/episodes")).EnumerateArray());
        var start = DateTimeOffset.Parse(stored.GetProperty("start").GetString()!, CultureInfo.InvariantCulture);
        var expected = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, local.Offset);
        Assert.Equal(expected.UtcDateTime, start.UtcDateTime); // the same instant, not the wall clock read as UTC
        Assert.Equal(zone.GetUtcOffset(expected), start.Offset); // with the person's offset, so the hour of day stays theirs
        Assert.Equal(local.Hour, start.Hour);
    }

    [Fact]
    public async Task The_zone_posted_with_the_registration_form_is_kept_with_the_account_and_a_failed_one_changes_nothing()
    {
        var email = $"register-{Guid.NewGuid():N}@example.org";

        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(email, Auckland)).StatusCode);
        Assert.Equal(Auckland, await StoredZoneAsync(email));

        var again = await RegisterAsync(email, "America/New_York"); // the address is taken: the same answer, nothing changed
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(Auckland, await StoredZoneAsync(email));

        var noZone = $"register-{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.Redirect, (await RegisterAsync(noZone, "Not/A_Zone")).StatusCode);
        Assert.Null(await StoredZoneAsync(noZone));
    }

    private async Task<HttpResponseMessage> RegisterAsync(string email, string zone)
    {
        var client = _factory.Client();
        var token = await CalfwiseFactory.TokenAsync(client, "/Identity/Account/Register");
        return await client.PostAsync("/Identity/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "correct horse battery",
            ["Input.ConfirmPassword"] = "correct horse battery",
            ["TimeZone"] = zone,
            ["__RequestVerificationToken"] = token,
        }));
    }

    private async Task<string?> StoredZoneAsync(string email)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Calfwise.Data.CalfwiseDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.TimeZone).SingleAsync();
    }

    private static object Episode(DateTimeOffset start) =>
        new { start = start.ToString("o", CultureInfo.InvariantCulture), durationMinutes = 5, leg = "left", location = "calf", kind = "twitch", intensity = 3, atRest = true };

    private static async Task<HttpResponseMessage> PostEpisodeAsync(HttpClient client, DateTimeOffset local, string zone) =>
        await PostAsync(client, "/Diary?handler=Episode", new()
        {
            ["date"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["time"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["duration"] = "5",
            ["kind"] = "twitch",
            ["leg"] = "left",
            ["location"] = "calf",
            ["intensity"] = "3",
            ["atRest"] = "yes",
            ["timeZone"] = zone,
        });

    private static async Task<HttpResponseMessage> PostDayAsync(HttpClient client, DateOnly day, string zone) =>
        await PostAsync(client, "/Diary?handler=Day", new() { ["day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["stress"] = "2", ["timeZone"] = zone });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await CalfwiseFactory.TokenAsync(client, "/Diary");
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    private static async Task<string?> FirstErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").GetProperty(field)[0].GetString();
    }
}
