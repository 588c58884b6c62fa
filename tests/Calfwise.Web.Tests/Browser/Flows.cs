using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Calfwise.Web.Tests.Browser;

/// <summary>What a person does in the app, step by step, shared by the browser tests.</summary>
internal static partial class Flows
{
    public const string Password = "correct horse battery staple";

    /// <summary>Registers a new account through the real form, then logs in as the page asks; the context is signed in afterwards.</summary>
    public static async Task<string> RegisterAsync(IPage page, string who)
    {
        var email = $"{who}-{Guid.NewGuid():N}@example.org";
        await page.GotoAsync("/Identity/Account/Register");
        await FillRegistrationAsync(page, email);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
        return email;
    }

    /// <summary>On the registration page: fills in and sends the form, then logs in on the page it leads to.</summary>
    public static async Task FillRegistrationAsync(IPage page, string email)
    {
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(Password);
        await page.Locator("#Input_ConfirmPassword").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("log in with the passphrase you just chose");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>From the start page to the first question: age 45, female, unless told otherwise.</summary>
    public static async Task StartInterviewAsync(IPage page, int age = 45, string sex = "Female", bool pregnant = false, params string[] medicines)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check my symptoms", Exact = true }).ClickAsync();
        await page.GetByLabel("Your age in years").FillAsync(age.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Radio, new() { Name = sex, Exact = true }).CheckAsync();
        if (pregnant)
        {
            await page.Locator("input[name=pregnant][value=yes]").CheckAsync();
        }

        for (var i = 0; i < medicines.Length; i++)
        {
            await page.GetByLabel($"Medicine {i + 1}", new() { Exact = true }).FillAsync(medicines[i]);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.progress")).ToHaveTextAsync("Question 1");
    }

    /// <summary>
    /// Answers every question as someone with restless legs would: yes to an urge to move, to symptoms at rest, in the
    /// evening or at night, and eased by moving; no to everything else; no lab results. Stops at "See my results".
    /// </summary>
    public static async Task AnswerUntilDoneAsync(IPage page) =>
        await WalkInterviewAsync(page, text => RestlessLegs().IsMatch(text));

    /// <summary>
    /// Walks the interview screen by screen, answering each question or checklist item with <paramref name="yes"/>
    /// (true: yes or ticked; false: no; null: not sure), declining lab requests unless <paramref name="labs"/> fills
    /// them, and continuing past urgent advice. Stops at "See my results" or the emergency screen and returns every
    /// screen's visible text, in order. <c>atScreen</c> is called on every screen before it is answered; returning
    /// false stops the walk there.
    /// </summary>
    public static async Task<List<string>> WalkInterviewAsync(IPage page, Func<string, bool?> yes, Func<IPage, Task<bool>>? labs = null, Func<Task<bool>>? atScreen = null)
    {
        var screens = new List<string>();
        var main = page.Locator("main");
        var seeResults = page.GetByRole(AriaRole.Button, new() { Name = "See my results", Exact = true });
        var emergency = page.Locator("section.alert-screen.emergency");
        var progress = page.Locator("p.progress");
        var urgent = page.GetByRole(AriaRole.Button, new() { Name = "Continue the questions" });
        for (var number = 1; number <= 40; number++)
        {
            await Assertions.Expect(seeResults.Or(progress).Or(emergency).Or(urgent)).ToBeVisibleAsync();
            screens.Add(await main.InnerTextAsync());
            if ((atScreen is not null && !await atScreen()) || await seeResults.IsVisibleAsync() || await emergency.IsVisibleAsync())
            {
                return screens;
            }

            if (await urgent.IsVisibleAsync())
            {
                await urgent.ClickAsync();
                continue;
            }

            var noLabs = page.GetByRole(AriaRole.Button, new() { Name = "I don't have them" });
            if (await noLabs.IsVisibleAsync())
            {
                if (labs is null || !await labs(page))
                {
                    await noLabs.ClickAsync();
                }

                continue;
            }

            var checklist = page.Locator("fieldset.checklist .check-item");
            var count = await checklist.CountAsync();
            if (count > 0)
            {
                var ticked = false;
                for (var i = 0; i < count; i++)
                {
                    var item = checklist.Nth(i);
                    var answer = yes(await item.Locator("label.check").InnerTextAsync());
                    if (answer == true)
                    {
                        await item.Locator("label.check input").CheckAsync();
                        ticked = true;
                    }
                    else if (answer is null && await item.Locator("label.unsure").CountAsync() > 0)
                    {
                        await item.Locator("label.unsure input").CheckAsync();
                        ticked = true;
                    }
                }

                await page.GetByRole(AriaRole.Button, new() { Name = ticked ? "Continue" : "None of these", Exact = true }).ClickAsync();
                continue;
            }

            var single = page.Locator("fieldset.single");
            Assert.True(await single.CountAsync() == 1, $"screen {number} has no question:\n{await page.ContentAsync()}");
            var choice = yes(await single.Locator("legend").InnerTextAsync()) switch { true => "Yes", false => "No", null => "Not sure" };
            await single.GetByRole(AriaRole.Button, new() { Name = choice, Exact = true }).ClickAsync();
        }

        Assert.Fail("the interview did not end within 40 screens");
        return screens;
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
