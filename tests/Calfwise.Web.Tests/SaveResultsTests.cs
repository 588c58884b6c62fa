using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Calfwise.Core.Cases;
using Calfwise.Data;
using Calfwise.Knowledge;
using Calfwise.Web.Areas.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests;

/// <summary>
/// Registering or logging in from the results page: the person comes back to the same results, saved to their account,
/// through the real forms (the results page's form, Identity's register and log-in pages and their returnUrl).
/// </summary>
public sealed partial class SaveResultsTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    private const string Password = "correct horse battery";

    private static readonly string Example = File.ReadAllText(Path.Combine(Repository.Root, "examples", "benign-twitch-coffee.json"));

    [Fact]
    public async Task Registering_and_logging_in_from_the_results_page_returns_to_the_same_results_and_saves_them()
    {
        var client = factory.Client();
        var email = $"results-{Guid.NewGuid():N}@example.org";
        var (shownCase, account) = await LeaveResultsAsync(client, "register");
        Assert.StartsWith("/Identity/Account/Register", account, StringComparison.Ordinal);

        var login = await SubmitAsync(client, account, new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        Assert.StartsWith("/Identity/Account/Login", login, StringComparison.Ordinal); // registration never says whether the address was new
        var back = await SubmitAsync(client, login, new() { ["Input.Email"] = email, ["Input.Password"] = Password });

        await AssertSavedAsync(client, back, email, shownCase);
    }

    [Fact]
    public async Task Logging_in_from_the_results_page_returns_to_the_same_results_and_saves_them()
    {
        var email = $"returning-{Guid.NewGuid():N}@example.org";
        await factory.SignedInClientAsync(email, Password); // an account made earlier, on another device
        var client = factory.Client();
        var (shownCase, account) = await LeaveResultsAsync(client, "login");
        Assert.StartsWith("/Identity/Account/Login", account, StringComparison.Ordinal);

        var back = await SubmitAsync(client, account, new() { ["Input.Email"] = email, ["Input.Password"] = Password });

        await AssertSavedAsync(client, back, email, shownCase);
    }

    [Fact]
    public async Task Without_a_kept_case_or_with_a_tampered_one_nothing_is_saved_and_the_page_says_so()
    {
        var email = $"nothing-{Guid.NewGuid():N}@example.org";
        var client = await factory.SignedInClientAsync(email, Password);

        var none = await client.GetStringAsync(PendingResults.SavePath);
        Assert.Contains("no results waiting to be saved", none, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, PendingResults.SavePath);
        request.Headers.Add("Cookie", $"{PendingResults.CookieName}=not-a-protected-value");
        var tampered = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("no results waiting to be saved", tampered, StringComparison.Ordinal);
        Assert.Equal(0, await SavedCountAsync(email));
    }

    [Fact]
    public async Task Someone_not_signed_in_who_opens_the_saving_page_is_asked_to_log_in()
    {
        var response = await factory.Client().GetAsync(PendingResults.SavePath);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_kept_case_reads_back_once_and_one_too_large_for_a_cookie_is_refused()
    {
        var pending = new PendingResults(new EphemeralDataProtectionProvider(), factory.Clock);
        var leaving = new DefaultHttpContext();
        Assert.True(pending.Keep(leaving.Response, Example));
        var cookie = leaving.Response.Headers.SetCookie.ToString();
        Assert.Contains("path=/identity/account/saveresults", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        var back = new DefaultHttpContext();
        back.Request.Headers.Cookie = cookie.Split(';')[0];
        Assert.Equal(Example, pending.Take(back));
        Assert.Contains($"{PendingResults.CookieName}=;", back.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal); // removed once read

        var random = Convert.ToHexString(RandomNumberGenerator.GetBytes(4000)); // does not compress
        Assert.False(pending.Keep(new DefaultHttpContext().Response, random));
    }

    /// <summary>Shows the results for the example and presses "Create an account" or "log in"; the case shown and where it leads.</summary>
    private static async Task<(string Case, string Account)> LeaveResultsAsync(HttpClient client, string to)
    {
        var labs = await client.GetStringAsync("/Labs");
        var results = await PostAsync(client, "/Results", new() { ["case"] = Example, ["__RequestVerificationToken"] = Token(labs) });
        Assert.Equal(HttpStatusCode.OK, results.StatusCode);
        var html = await results.Content.ReadAsStringAsync();
        var form = SaveFormPattern().Match(html);
        Assert.True(form.Success, "the results page has a form to register or log in and save");
        var shownCase = Hidden(form.Value, "case");

        var kept = await PostAsync(client, WebUtility.HtmlDecode(form.Groups[1].Value), new()
        {
            ["case"] = shownCase,
            ["to"] = to,
            ["__RequestVerificationToken"] = Token(form.Value),
        });
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        return (shownCase, kept.Headers.Location!.ToString());
    }

    /// <summary>Fills in an account page's form (posting to its own address, returnUrl included) and returns where it leads.</summary>
    private static async Task<string> SubmitAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = Token(html);
        var response = await PostAsync(client, page, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    private async Task AssertSavedAsync(HttpClient client, string back, string email, string shownCase)
    {
        Assert.Equal(PendingResults.SavePath, back);
        var page = await client.GetStringAsync(back);
        Assert.Contains("Saved to your account", page, StringComparison.Ordinal);
        Assert.Contains("What could explain it", page, StringComparison.Ordinal); // the results themselves, not just a message
        Assert.Equal(shownCase, Hidden(page, "case"));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalfwiseDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var saved = await db.Assessments.Where(a => a.UserId == userId).Select(a => a.CaseJson).SingleAsync();
        var today = CaseValidator.Today(factory.Clock);
        Assert.Equal(CaseJson.Write(CaseJson.Read(shownCase, EmbeddedKnowledge.Instance, today).Case!), saved);

        // Coming back to the page does not save the same results twice: the kept case was taken.
        Assert.Contains("no results waiting to be saved", await client.GetStringAsync(back), StringComparison.Ordinal);
        Assert.Equal(1, await SavedCountAsync(email));
    }

    private async Task<int> SavedCountAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalfwiseDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.Assessments.CountAsync(a => a.UserId == userId);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string action, Dictionary<string, string> fields) =>
        await client.PostAsync(action, new FormUrlEncodedContent(fields));

    private static string Token(string html) => WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);

    private static string Hidden(string html, string name) =>
        Regex.Match(html, $"type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"") is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"no hidden field {name}");

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*SaveResults[^\"]*)\">.*?</form>", RegexOptions.Singleline)]
    private static partial Regex SaveFormPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
