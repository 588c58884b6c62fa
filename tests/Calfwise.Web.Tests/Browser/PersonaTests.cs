using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Calfwise.Web.Tests.Browser;

/// <summary>
/// Issue 10: the people the interview was tried with, walked through the real pages in Chromium at a phone width
/// (360 px) and a desktop width (1280 px), asserting the screens they see, with axe on every screen.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed partial class PersonaTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task A_man_who_drinks_six_coffees_and_twitches_after_the_gym_is_never_asked_about_periods(int width)
    {
        var (page, screens, violations) = await WalkAsync(width, 30, "Male", false, [],
            text => Matches(text, "twitch|flicker|coffee|caffeine|hard or unusual exercise|heavy leg workout"));

        Assert.DoesNotContain(screens, s => Periods().IsMatch(s));
        Assert.DoesNotContain(screens, s => s.Contains("the painful leg", StringComparison.OrdinalIgnoreCase));
        await ResultsAsync(page);
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task A_woman_with_heavy_periods_and_night_urges_brings_her_ferritin_of_22(int width)
    {
        var (page, screens, violations) = await WalkAsync(width, 45, "Female", false, [],
            text => Matches(text, @"urge to move|feeling in your legs|\bresting\b|evening or at night|periods heavy|tired"),
            async p =>
            {
                var ferritin = p.Locator("input[name='values[ferritin]']");
                if (await ferritin.CountAsync() == 0)
                {
                    return false;
                }

                await ferritin.FillAsync("22");
                await p.GetByRole(AriaRole.Button, new() { Name = "Use these results" }).ClickAsync();
                return true;
            });

        Assert.Contains(screens, s => s.Contains("ferritin", StringComparison.OrdinalIgnoreCase)); // the iron results were asked for
        await ResultsAsync(page);
        await Expect(page.Locator("main")).ToContainTextAsync("Restless legs");
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task A_60_year_old_with_one_swollen_painful_calf_after_a_long_flight_gets_the_clot_advice_within_two_screens(int width)
    {
        var (page, screens, violations) = await WalkAsync(width, 60, "Male", false, [],
            text => Matches(text, "swollen|calf painful|sore when you press|journey|flight"), stopAtAlert: true);

        // Screen 1 is the opening checklist where the swelling is ticked; the advice must come on screen 2 or 3.
        var advice = screens.FindIndex(s => s.Contains("See a doctor today", StringComparison.Ordinal));
        Assert.InRange(advice, 1, 2);
        Assert.Contains("clot", screens[advice], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("NHS 111", screens[advice], StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue the questions" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "See my results now" })).ToBeVisibleAsync();
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task A_pregnant_woman_with_evening_urges_is_not_asked_about_periods_or_the_menopause(int width)
    {
        var (page, screens, violations) = await WalkAsync(width, 31, "Female", true, [],
            text => Matches(text, @"urge to move|feeling in your legs|\bresting\b|evening or at night"));

        Assert.DoesNotContain(screens, s => Periods().IsMatch(s));
        await ResultsAsync(page);
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task A_parent_answering_for_an_8_year_old_with_evening_leg_aches_sees_no_adult_questions(int width)
    {
        var (page, screens, violations) = await WalkAsync(width, 8, "Female", false, [],
            text => Matches(text, @"urge to move|feeling in your legs|evening or at night"));

        Assert.DoesNotContain(screens, s => Periods().IsMatch(s) || s.Contains("given birth", StringComparison.OrdinalIgnoreCase));
        await ResultsAsync(page);
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData(360)]
    [InlineData(1280)]
    public async Task An_emergency_ends_on_a_red_screen_that_names_the_number_to_call(int width)
    {
        var (page, screens, violations) = await WalkAsync(width, 52, "Female", false, [],
            text => Matches(text, "calf painful|sore when you press|short of breath|chest pain"));

        var emergency = page.Locator("section.alert-screen.emergency");
        await Expect(emergency).ToBeVisibleAsync();
        await Expect(emergency.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Emergency: Call 999 or go to an emergency department now");
        await Expect(emergency.GetByRole(AriaRole.Link, new() { Name = "Call 999" })).ToHaveAttributeAsync("href", "tel:999");
        var background = await emergency.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(165, 14, 14)", background); // --emergency: red, with white text
        Assert.DoesNotContain("Thank you", screens[^1], StringComparison.Ordinal);
        Assert.True(screens.Count <= 3, $"the emergency came after {screens.Count} screens");
        Assert.Empty(violations);
    }

    private async Task<(IPage Page, List<string> Screens, List<string> Violations)> WalkAsync(
        int width, int age, string sex, bool pregnant, string[] medicines, Func<string, bool> yes, Func<IPage, Task<bool>>? labs = null, bool stopAtAlert = false)
    {
        var context = await browser.NewContextAsync(width, 900);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await Flows.StartInterviewAsync(page, age, sex, pregnant, medicines);
        var screens = await Flows.WalkInterviewAsync(page, text => yes(text), labs, async () =>
        {
            violations.AddRange(await ViolationsAsync(page, width));
            return !stopAtAlert || await page.Locator("section.alert-screen").CountAsync() == 0;
        });
        output.WriteLine($"{width}px: {screens.Count} screens");
        return (page, screens, violations);
    }

    private static async Task ResultsAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "See my results", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your results", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Every axe violation on the page as it is now (any impact), as lines to report.</summary>
    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, int width)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes);
        return result.Violations.Select(v => string.Create(CultureInfo.InvariantCulture,
            $"{width}px {page.Url}: {v.Id} [{v.Impact}] {v.Help}: {string.Join("; ", v.Nodes.Select(n => n.Target.ToString()))}"));
    }

    private static bool Matches(string text, string pattern) => Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase);

    [GeneratedRegex(@"\bperiods?\b|menopause", RegexOptions.IgnoreCase)]
    private static partial Regex Periods();
}
