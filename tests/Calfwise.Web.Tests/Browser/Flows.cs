using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Calfwise.Web.Tests.Browser;

/// <summary>What a person does in the app, step by step, shared by the browser tests.</summary>
internal static partial class Flows
{
    public const string Password = "correct horse battery staple";

    /// <summary>Registers a new account through the real form; the context is signed in afterwards.</summary>
    public static async Task<string> RegisterAsync(IPage page, string who)
    {
        var email = $"{who}-{Guid.NewGuid():N}@example.org";
        await page.GotoAsync("/Identity/Account/Register");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(Password);
        await page.Locator("#Input_ConfirmPassword").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        return email;
    }

    /// <summary>From the start page to the first question: age 45, female.</summary>
    public static async Task StartInterviewAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check my symptoms", Exact = true }).ClickAsync();
        await page.GetByLabel("Your age in years").FillAsync("45");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Female", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.progress")).ToHaveTextAsync(new Regex("^Question 1 "));
    }

    /// <summary>
    /// Answers every question as someone with restless legs would: yes to an urge to move, to symptoms at rest, in the
    /// evening or at night, and eased by moving; no to everything else; no lab results. Stops at "See my results".
    /// </summary>
    public static async Task AnswerUntilDoneAsync(IPage page)
    {
        var seeResults = page.GetByRole(AriaRole.Button, new() { Name = "See my results" });
        var noLabs = page.GetByRole(AriaRole.Button, new() { Name = "I don't have them" });
        for (var number = 1; number <= 40; number++)
        {
            var progress = page.Locator("p.progress");
            await Assertions.Expect(seeResults.Or(progress)).ToBeVisibleAsync();
            if (await seeResults.IsVisibleAsync())
            {
                return;
            }

            await Assertions.Expect(progress).ToHaveTextAsync(new Regex($"^Question {number} "));
            if (await noLabs.IsVisibleAsync())
            {
                await noLabs.ClickAsync();
                continue;
            }

            var items = page.Locator("fieldset.question");
            var count = await items.CountAsync();
            Assert.True(count > 0, $"question {number} has neither answers nor a labs form:\n{await page.ContentAsync()}");
            for (var i = 0; i < count; i++)
            {
                var item = items.Nth(i);
                var text = await item.Locator("legend").InnerTextAsync();
                var answer = RestlessLegs().IsMatch(text) ? "Yes" : "No";
                await item.GetByRole(AriaRole.Radio, new() { Name = answer, Exact = true }).CheckAsync();
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        }

        Assert.Fail("the interview did not end within 40 questions");
    }

    /// <summary>Interview to the results page.</summary>
    public static async Task CompleteInterviewAsync(IPage page)
    {
        await StartInterviewAsync(page);
        await AnswerUntilDoneAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "See my results" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your results", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Logs one episode through the diary form, on the given day and time.</summary>
    public static async Task LogEpisodeAsync(IPage page, DateOnly date, string time, string kind = "Urge to move", int intensity = 5)
    {
        if (!page.Url.Contains("/Diary", StringComparison.Ordinal))
        {
            await page.GotoAsync("/Diary");
        }

        var form = page.GetByRole(AriaRole.Region, new() { Name = "Log an episode" });
        await form.GetByLabel("Date").FillAsync(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("Time").FillAsync(time);
        await form.GetByLabel("How long (minutes)").FillAsync("10");
        await form.GetByRole(AriaRole.Radio, new() { Name = kind, Exact = true }).CheckAsync();
        await form.GetByLabel("Intensity (0 to 10)").FillAsync(intensity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "Save episode" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Episode saved.");
    }

    /// <summary>
    /// Walks a new account through the main pages, calling <paramref name="atPage"/> on each with its name: start,
    /// interview (the first question), results, labs (with two results read), diary (three episodes) and report (with
    /// the saved assessment and the diary).
    /// </summary>
    public static async Task VisitMainPagesAsync(IPage page, Func<string, Task> atPage)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await atPage("start");

        await RegisterAsync(page, "tour");
        await StartInterviewAsync(page);
        await atPage("interview");

        await AnswerUntilDoneAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "See my results" }).ClickAsync();
        await Assertions.Expect(page.Locator("section.banner")).ToBeVisibleAsync();
        await atPage("results");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save these results" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved to your account");

        await page.GotoAsync("/Labs");
        await page.GetByLabel("Age in years").FillAsync("45");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Female", Exact = true }).CheckAsync();
        await page.GetByLabel("Ferritin", new() { Exact = true }).FillAsync("28");
        await page.GetByLabel("Haemoglobin", new() { Exact = true }).FillAsync("12.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Read my results" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your results" })).ToBeVisibleAsync();
        await atPage("labs");

        await page.GotoAsync("/Diary");
        await LogEpisodeAsync(page, Yesterday.AddDays(-2), "07:40", "Twitch", 2);
        await LogEpisodeAsync(page, Yesterday.AddDays(-1), "21:30");
        await LogEpisodeAsync(page, Yesterday, "22:45", intensity: 7);
        await atPage("diary");

        await page.GotoAsync("/Report");
        await Assertions.Expect(page.GetByText("Latest saved assessment")).ToBeVisibleAsync();
        await atPage("report");
    }

    /// <summary>Yesterday on this machine's clock (the app's too): never in the future, whatever the time now.</summary>
    public static DateOnly Yesterday => DateOnly.FromDateTime(DateTime.Now).AddDays(-1);

    [GeneratedRegex(@"urge to move|\brest(ing)?\b|evening|at night|moving your legs ease|relieved by mov", RegexOptions.IgnoreCase)]
    private static partial Regex RestlessLegs();
}
