using System.Globalization;
using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Calfwise.Web.Tests.Browser;

/// <summary>Keeping the work in a real browser: results that survive registering, and a diary that reads on a 360 px phone.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class KeepingBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Results_survive_registration_from_the_results_page()
    {
        await using var context = await browser.NewContextAsync(360, 780);
        var page = await context.NewPageAsync();
        await Flows.CompleteInterviewAsync(page);
        var banner = await page.Locator("section.banner").InnerTextAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create an account" }).ClickAsync();
        await Flows.FillRegistrationAsync(page, $"keep-{Guid.NewGuid():N}@example.org");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your results", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved to your account");
        Assert.Equal(banner, await page.Locator("section.banner").InnerTextAsync()); // the same results, not a fresh start
        await page.GetByRole(AriaRole.Status).GetByRole(AriaRole.Link, new() { Name = "report" }).ClickAsync();
        await Expect(page.Locator("main")).Not.ToContainTextAsync("No saved assessment");
    }

    [Fact]
    public async Task At_360_px_the_diary_charts_text_is_at_least_12_px_and_the_diary_and_edit_pages_pass_axe()
    {
        await using var context = await browser.NewContextAsync(360, 780);
        var page = await context.NewPageAsync();
        await Flows.RegisterAsync(page, "phone");
        await Flows.LogEpisodeAsync(page, Flows.Yesterday.AddDays(-1), "07:40", "Twitch", 2);
        await Flows.LogEpisodeAsync(page, Flows.Yesterday, "21:30");

        var sizes = await page.Locator("figure.chart svg text").EvaluateAllAsync<double[]>(
            "texts => texts.map(t => t.getScreenCTM().a * parseFloat(t.getAttribute('font-size')))");
        Assert.NotEmpty(sizes);
        Assert.True(sizes.Min() >= 12, $"the smallest chart text is {sizes.Min():0.#} px");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the diary scrolls sideways at 360 px");

        var violations = new StringBuilder();
        await CheckAsync(page, "diary", violations);
        await page.GetByRole(AriaRole.Link, new() { Name = "Change episode" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change an episode" })).ToBeVisibleAsync();
        await CheckAsync(page, "edit", violations);
        Assert.True(violations.Length == 0, "accessibility violations:\n" + violations);

        await page.GetByLabel("Intensity (0 to 10)").FillAsync("9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Episode changed.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Episodes (2)" }).Locator("tbody tr").First.Locator("td").Nth(3)).ToHaveTextAsync("9");
    }

    private static async Task CheckAsync(IPage page, string name, StringBuilder violations)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes);
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            violations.AppendLine(CultureInfo.InvariantCulture, $"{name}: {violation.Id} [{violation.Impact}] {violation.Help}: {string.Join(", ", violation.Nodes.Select(n => n.Target))}");
        }
    }
}
