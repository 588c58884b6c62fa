using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Calfwise.Web.Tests.Browser;

/// <summary>The account pages Calfwise replaces, in a real browser: registering, a refused passphrase, logging in, and axe on each.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class AccountBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Registering_with_a_guessable_passphrase_says_why_then_a_good_one_leads_to_log_in_and_each_page_passes_axe()
    {
        await using var context = await browser.NewContextAsync(414, 896);
        var page = await context.NewPageAsync();
        var email = $"axe-{Guid.NewGuid():N}@example.org";

        await page.GotoAsync("/Identity/Account/Register");
        await Expect(page.GetByLabel("Passphrase", new() { Exact = true })).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("at least 10 characters"));
        await AssertNoSeriousViolationsAsync(page, "register");

        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync("password12");
        await page.Locator("#Input_ConfirmPassword").FillAsync("password12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("too easy to guess");
        await AssertNoSeriousViolationsAsync(page, "register with an error");

        await page.Locator("#Input_Password").FillAsync(Flows.Password);
        await page.Locator("#Input_ConfirmPassword").FillAsync(Flows.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("log in with the passphrase you just chose");
        await AssertNoSeriousViolationsAsync(page, "log in");

        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(Flows.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
    }

    private static async Task AssertNoSeriousViolationsAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes); // axe really ran on the page
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{name}: {v.Id} {v.Help}");
        Assert.Empty(serious);
    }
}
