using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Calfwise.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests;

/// <summary>The pages driven through their real forms (antiforgery tokens included), without a browser.</summary>
public sealed partial class PageTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    [Fact]
    public async Task The_interview_runs_one_question_at_a_time_and_ends_in_results()
    {
        var client = factory.Client();
        var html = await PostAsync(client, "/Interview", "/Interview?handler=Start", new() { ["age"] = "45", ["sex"] = "female", ["pregnant"] = "no" });
        var questions = 0;
        while (!html.Contains("See my results", StringComparison.Ordinal))
        {
            Assert.True(++questions < 40, "the interview does not end");
            Assert.Contains("Why this question?", html, StringComparison.Ordinal);
            var fields = new Dictionary<string, string> { ["case"] = Hidden(html, "case"), ["history"] = Hidden(html, "history") };
            if (html.Contains("name=\"request\"", StringComparison.Ordinal))
            {
                fields["request"] = Hidden(html, "request");
                fields["have"] = "no";
                html = await PostFormAsync(client, "/Interview?handler=Labs", html, fields);
                continue;
            }

            var items = ItemPattern().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.NotEmpty(items);
            var answers = items.Select(id => new KeyValuePair<string, string>($"answers[{id}]", id is "urge-to-move-legs" or "worse-at-rest" or "relieved-by-movement" or "worse-evening-night" ? "yes" : "no"))
                .Concat(fields);
            html = await PostFormAsync(client, "/Interview?handler=Answer", html, answers);
        }

        var results = await PostFormAsync(client, "/Results", html, new Dictionary<string, string> { ["case"] = Hidden(html, "case") });
        Assert.Contains("What could explain it", results, StringComparison.Ordinal);
        Assert.Contains("Restless legs syndrome", results, StringComparison.Ordinal);
        Assert.Contains("banner routine", results, StringComparison.Ordinal);
        Assert.InRange(questions, 3, 30);
    }

    [Fact]
    public async Task Back_takes_the_last_answer_away()
    {
        var client = factory.Client();
        var first = await PostAsync(client, "/Interview", "/Interview?handler=Start", new() { ["age"] = "30", ["sex"] = "male" });
        var items = ItemPattern().Matches(first).Select(m => m.Groups[1].Value).Distinct().ToList();
        var second = await PostFormAsync(client, "/Interview?handler=Answer", first,
            items.Select(id => new KeyValuePair<string, string>($"answers[{id}]", "no"))
                .Concat([new("case", Hidden(first, "case")), new("history", Hidden(first, "history"))]));
        Assert.Contains("calf-twitching", items);
        Assert.Contains("\"calf-twitching\": false", WebUtility.HtmlDecode(Hidden(second, "case")), StringComparison.Ordinal);
        Assert.NotEqual(items, ItemPattern().Matches(second).Select(m => m.Groups[1].Value).Distinct().ToList());

        var back = await PostFormAsync(client, "/Interview?handler=Back", second, new Dictionary<string, string> { ["case"] = Hidden(second, "case"), ["history"] = Hidden(second, "history") });

        Assert.Equal(items, ItemPattern().Matches(back).Select(m => m.Groups[1].Value).Distinct().ToList());
        Assert.DoesNotContain("calf-twitching", WebUtility.HtmlDecode(Hidden(back, "case")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_impossible_lab_value_gets_a_clear_message_and_a_good_one_a_reading()
    {
        var client = factory.Client();
        var bad = await PostAsync(client, "/Labs", "/Labs", new() { ["age"] = "40", ["sex"] = "female", ["values[potassium]"] = "40", ["units[potassium]"] = "mmol/L" });
        Assert.Contains("physiologically possible", bad, StringComparison.Ordinal);
        Assert.Contains("<p id=\"error-potassium\" class=\"field-error\">", bad, StringComparison.Ordinal); // beside the potassium field
        Assert.DoesNotContain("Your results", bad, StringComparison.Ordinal);

        // Continuing a case that has results already: the problem is still the new potassium's, not an earlier result's.
        var withLabs = File.ReadAllText(Path.Combine(Repository.Root, "examples", "rls-low-ferritin.json"));
        Assert.Contains("\"labs\"", withLabs, StringComparison.Ordinal);
        var continued = await PostAsync(client, "/Labs", "/Labs", new() { ["case"] = withLabs, ["values[potassium]"] = "40", ["units[potassium]"] = "mmol/L" });
        Assert.Contains("<p id=\"error-potassium\" class=\"field-error\">", continued, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(continued, "class=\"field-error\""));

        var good = await PostAsync(client, "/Labs", "/Labs", new() { ["age"] = "40", ["sex"] = "female", ["values[hemoglobin]"] = "115", ["units[hemoglobin]"] = "g/L" });
        Assert.Contains("Your results", good, StringComparison.Ordinal);
        Assert.Contains("11.5 g/dL", good, StringComparison.Ordinal);
        Assert.Contains("status-low", good, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        var response = await factory.Client().PostAsync("/Labs", new FormUrlEncodedContent(new Dictionary<string, string> { ["age"] = "40" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Saving_results_needs_an_account_and_then_feeds_the_report_pdf_and_exports()
    {
        var example = File.ReadAllText(Path.Combine(Repository.Root, "examples", "rls-low-ferritin.json"));
        var anonymous = factory.Client();
        var token = await CalfwiseFactory.TokenAsync(anonymous, "/Labs");
        var refused = await anonymous.PostAsync("/Results?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string> { ["case"] = example, ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Identity/Account/Login", refused.Headers.Location?.ToString(), StringComparison.Ordinal);

        var client = await factory.SignedInClientAsync($"report-{Guid.NewGuid():N}@example.org");
        var saved = await PostAsync(client, "/Labs", "/Results?handler=Save", new() { ["case"] = example });
        Assert.Contains("Saved to your account", saved, StringComparison.Ordinal);
        await client.PostAsJsonAsync("/api/diary/episodes", new { start = "2026-11-20T22:00:00+00:00", durationMinutes = 15, leg = "both", location = "calf", kind = "urge-to-move", intensity = 7, atRest = true });

        var report = await client.GetStringAsync("/Report");
        Assert.Contains("Restless legs syndrome", report, StringComparison.Ordinal);
        Assert.Contains("Episodes by hour of day", report, StringComparison.Ordinal);

        var pdf = await client.GetAsync("/Report?handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1000 && bytes.AsSpan(0, 4).SequenceEqual("%PDF"u8));

        var json = await client.GetStringAsync("/Report?handler=Json");
        Assert.Contains("urge-to-move", json, StringComparison.Ordinal);
        Assert.Contains("restless-legs", json, StringComparison.Ordinal);
        var csv = await client.GetStringAsync("/Report?handler=Csv");
        Assert.StartsWith("record,id,when", csv, StringComparison.Ordinal);
        Assert.Contains("episode,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_my_account_deletes_all_my_data_and_nobody_elses()
    {
        const string password = "a long enough passphrase";
        var email = $"leaving-{Guid.NewGuid():N}@example.org";
        var leaving = await factory.SignedInClientAsync(email, password);
        var staying = await factory.SignedInClientAsync($"staying-{Guid.NewGuid():N}@example.org");
        var episode = new { start = "2026-11-20T22:00:00+00:00", durationMinutes = 1, leg = "left", location = "calf", kind = "twitch", intensity = 1, atRest = true };
        Assert.Equal(HttpStatusCode.Created, (await leaving.PostAsJsonAsync("/api/diary/episodes", episode)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leaving.PutAsJsonAsync("/api/diary/days/2026-11-20", new { sleepHours = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await staying.PostAsJsonAsync("/api/diary/episodes", episode)).StatusCode);
        var saved = await PostAsync(leaving, "/Labs", "/Results?handler=Save", new() { ["case"] = File.ReadAllText(Path.Combine(Repository.Root, "examples", "benign-twitch-coffee.json")) });
        Assert.Contains("Saved to your account", saved, StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalfwiseDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        Assert.Equal((1, 1, 1), (await db.Episodes.CountAsync(e => e.UserId == userId), await db.DailyFactors.CountAsync(d => d.UserId == userId), await db.Assessments.CountAsync(a => a.UserId == userId)));

        var deletion = await PostAsync(leaving, "/Identity/Account/Manage/DeletePersonalData", "/Identity/Account/Manage/DeletePersonalData", new() { ["Input.Password"] = password });
        Assert.DoesNotContain("Incorrect password", deletion, StringComparison.Ordinal);

        Assert.False(await db.Users.AnyAsync(u => u.Id == userId));
        Assert.Equal((0, 0, 0), (await db.Episodes.CountAsync(e => e.UserId == userId), await db.DailyFactors.CountAsync(d => d.UserId == userId), await db.Assessments.CountAsync(a => a.UserId == userId)));
        Assert.Equal(1, (await staying.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/diary/episodes")).GetArrayLength());
    }

    [Fact]
    public async Task The_exports_hold_only_my_data_and_no_spreadsheet_formulas()
    {
        var mine = await factory.SignedInClientAsync($"export-a-{Guid.NewGuid():N}@example.org");
        var theirs = await factory.SignedInClientAsync($"export-b-{Guid.NewGuid():N}@example.org");
        var episode = new { start = "2026-11-20T22:00:00+00:00", durationMinutes = 1, leg = "left", location = "=HYPERLINK(\"http://x\")", kind = "twitch", intensity = 1, atRest = true };
        Assert.Equal(HttpStatusCode.Created, (await theirs.PostAsJsonAsync("/api/diary/episodes", episode)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await mine.PostAsJsonAsync("/api/diary/episodes", episode with { location = "shin" })).StatusCode);

        var myJson = await mine.GetStringAsync("/Report?handler=Json");
        var myCsv = await mine.GetStringAsync("/Report?handler=Csv");
        Assert.Contains("shin", myJson, StringComparison.Ordinal);
        Assert.DoesNotContain("HYPERLINK", myJson, StringComparison.Ordinal);
        Assert.DoesNotContain("HYPERLINK", myCsv, StringComparison.Ordinal);

        var theirCsv = await theirs.GetStringAsync("/Report?handler=Csv");
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", theirCsv, StringComparison.Ordinal); // quoted, and never read as a formula
    }

    /// <summary>GETs a page for its antiforgery token, then posts the form fields to a handler.</summary>
    private static async Task<string> PostAsync(HttpClient client, string formPage, string action, Dictionary<string, string> fields)
    {
        var token = await CalfwiseFactory.TokenAsync(client, formPage);
        fields["__RequestVerificationToken"] = token;
        var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return await client.GetStringAsync(response.Headers.Location);
        }

        Assert.True(response.IsSuccessStatusCode, $"{action}: {response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts the next form of a page already loaded, with the token it carries.</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string action, string page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var all = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value)));
        var response = await client.PostAsync(action, new FormUrlEncodedContent(all));
        Assert.True(response.IsSuccessStatusCode, $"{action}: {response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    private static string Hidden(string html, string name) =>
        Regex.Match(html, $"type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"no hidden field {name}");

    [GeneratedRegex("name=\"answers\\[([^\\]]+)\\]\"")]
    private static partial Regex ItemPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
