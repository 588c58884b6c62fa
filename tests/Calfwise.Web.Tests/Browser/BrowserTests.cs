using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Calfwise.Knowledge;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Calfwise.Web.Tests.Browser;

/// <summary>The app in a real browser (Debian's headless Chromium), as a person uses it.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class BrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_person_completes_the_interview_and_sees_results()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await Flows.CompleteInterviewAsync(page);

        var banner = page.Locator("section.banner");
        await Expect(banner.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToBeVisibleAsync();
        await Expect(banner.GetByRole(AriaRole.Heading)).ToHaveTextAsync(new Regex("Emergency|Urgent|Book an appointment|look after this at home"));

        // The plain words first; the differential, the full plan and the sources behind "Details for you and your doctor".
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What to do" })).ToBeVisibleAsync();
        await page.GetByText("Details for you and your doctor").ClickAsync();
        var differential = page.GetByRole(AriaRole.Region, new() { Name = "What could explain it" });
        await Expect(differential.GetByRole(AriaRole.Heading, new() { Name = "What could explain it" })).ToBeVisibleAsync();
        await Expect(differential.Locator(".bar-name").First).ToHaveTextAsync("Restless legs syndrome"); // the most likely, first

        var plan = page.GetByRole(AriaRole.Region, new() { Name = "The full plan" });
        var steps = plan.Locator("ol").First.Locator("> li");
        Assert.True(await steps.CountAsync() > 0, "the plan has no steps");
        foreach (var step in await steps.AllInnerTextsAsync())
        {
            Assert.Matches(@"\[\d+(, \d+)*\]$", step.Trim()); // every step cites numbered sources
        }

        await Expect(plan.GetByRole(AriaRole.Heading, new() { Name = "Sources" })).ToBeVisibleAsync();
        Assert.True(await plan.Locator("ol.small > li").CountAsync() > 0, "the plan lists no sources");

        await Expect(page.Locator("main p.warning")).ToHaveTextAsync(EmbeddedKnowledge.Instance.Disclaimer);
    }

    [Fact]
    public async Task A_person_logs_three_diary_episodes_and_sees_them_listed_and_charted()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await Flows.RegisterAsync(page, "diary");

        await page.GotoAsync("/Diary");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Episodes (0)" })).ToBeVisibleAsync();
        await Flows.LogEpisodeAsync(page, Flows.Yesterday, "08:15", "Twitch", 2);
        await Flows.LogEpisodeAsync(page, Flows.Yesterday, "21:30");
        await Flows.LogEpisodeAsync(page, Flows.Yesterday, "22:45", intensity: 7);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Episodes (3)" })).ToBeVisibleAsync();
        var rows = page.GetByRole(AriaRole.Region, new() { Name = "Episodes (3)" }).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        var when = string.Join("\n", await rows.Locator("td:first-child").AllInnerTextsAsync());
        var day = Flows.Yesterday.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture); // a date as on a calendar
        Assert.Contains($"{day}, 08:15", when, StringComparison.Ordinal);
        Assert.Contains($"{day}, 21:30", when, StringComparison.Ordinal);
        Assert.Contains($"{day}, 22:45", when, StringComparison.Ordinal);
        await Expect(rows.Nth(0).Locator("td").Nth(1)).ToHaveTextAsync("urge to move"); // newest first, in words

        // The by-hour chart: one bar for each hour, three episodes in all, in the hours they started.
        var bars = page.Locator("svg[aria-labelledby^='by-hour-title'] rect.bar");
        await Expect(bars).ToHaveCountAsync(24);
        var perHour = new Dictionary<string, double>();
        foreach (var title in await bars.Locator("title").AllTextContentsAsync())
        {
            var parts = title.Split(": ");
            perHour[parts[0]] = double.Parse(parts[1], CultureInfo.InvariantCulture);
        }

        Assert.Equal(3, perHour.Values.Sum());
        Assert.Equal([("08", 1.0), ("21", 1.0), ("22", 1.0)], perHour.Where(p => p.Value > 0).Select(p => (p.Key, p.Value)).OrderBy(p => p.Key));
        var drawn = 0;
        foreach (var height in await bars.EvaluateAllAsync<double[]>("bars => bars.map(b => b.getBBox().height)"))
        {
            drawn += height > 0 ? 1 : 0;
        }

        Assert.Equal(3, drawn);
    }

    [Fact]
    public async Task A_signed_in_person_saves_results_and_downloads_the_pdf_report()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await Flows.RegisterAsync(page, "pdf");
        await Flows.CompleteInterviewAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save these results" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved to your account");
        await page.GetByRole(AriaRole.Status).GetByRole(AriaRole.Link, new() { Name = "report" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Report for my doctor" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Latest saved assessment")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).ClickAsync());
        Assert.Matches(@"^calfwise-report-\d{4}-\d{2}-\d{2}\.pdf$", download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.True(bytes.Length > 1024, $"the PDF is only {bytes.Length} bytes");
        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Fact]
    public async Task One_person_cannot_see_or_fetch_another_persons_diary()
    {
        await using var alice = await browser.NewContextAsync();
        var alicePage = await alice.NewPageAsync();
        await Flows.RegisterAsync(alicePage, "alice");
        await Flows.LogEpisodeAsync(alicePage, Flows.Yesterday, "20:00");
        await Expect(alicePage.GetByRole(AriaRole.Heading, new() { Name = "Episodes (1)" })).ToBeVisibleAsync();
        var action = await alicePage.Locator("form[action*='handler=Delete']").GetAttributeAsync("action");
        var id = Regex.Match(action ?? "", "id=([0-9a-fA-F-]{36})").Groups[1].Value;
        Assert.True(Guid.TryParse(id, out _), $"no episode id in '{action}'");
        var own = await alicePage.APIRequest.GetAsync($"/api/diary/episodes/{id}");
        Assert.Equal(200, own.Status); // the id is real, and its owner can read it

        await using var bob = await browser.NewContextAsync();
        var bobPage = await bob.NewPageAsync();
        await Flows.RegisterAsync(bobPage, "bob");
        await bobPage.GotoAsync("/Diary");
        await Expect(bobPage.GetByRole(AriaRole.Heading, new() { Name = "Episodes (0)" })).ToBeVisibleAsync();
        await Expect(bobPage.GetByText("20:00")).ToHaveCountAsync(0);

        var response = await bobPage.APIRequest.GetAsync($"/api/diary/episodes/{id}"); // with Bob's cookies
        Assert.Equal(404, response.Status);
        var list = await bobPage.APIRequest.GetAsync("/api/diary/episodes");
        Assert.Equal(200, list.Status); // signed in as Bob, so the 404 above is not a missing cookie
        Assert.Equal("[]", (await list.TextAsync()).Trim());
    }

    // A desktop and a phone: at phone width the wide tables scroll in their own boxes, which axe checks too.
    [Theory]
    [InlineData(1280, 900)]
    [InlineData(414, 896)]
    public async Task The_main_pages_have_no_serious_or_critical_accessibility_violations(int width, int height)
    {
        await using var context = await browser.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        var report = new StringBuilder();
        var checkedPages = new List<string>();

        await Flows.VisitMainPagesAsync(page, async name =>
        {
            checkedPages.Add(name);
            var result = await page.RunAxe();
            Assert.NotEmpty(result.Passes); // axe really ran on the page
            output.WriteLine($"{width}px {name}: {result.Passes.Length} rules passed, {result.Violations.Length} violated{string.Concat(result.Violations.Select(v => $", {v.Id} [{v.Impact}] x{v.Nodes.Length}"))}");
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"{width}px {name} ({page.Url}): {violation.Id} [{violation.Impact}] {violation.Help}");
                foreach (var node in violation.Nodes)
                {
                    var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message);
                    report.AppendLine(CultureInfo.InvariantCulture, $"    {node.Target}: {string.Join("; ", checks)}");
                }
            }
        });

        Assert.Equal(["start", "interview", "results", "labs", "diary", "report"], checkedPages);
        Assert.True(report.Length == 0, "accessibility violations:\n" + report);
    }

    [Fact]
    public async Task Screenshots_of_the_main_pages_are_written_to_docs()
    {
        // docs/screenshots is refreshed on request (CALFWISE_UPDATE_SCREENSHOTS=1), so a test run leaves the work tree
        // clean; otherwise the pictures go to a temporary folder and are checked the same way.
        var folder = Environment.GetEnvironmentVariable("CALFWISE_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(Repository.Root, "docs", "screenshots")
            : Directory.CreateTempSubdirectory("calfwise-screenshots-").FullName;
        Directory.CreateDirectory(folder);
        await using var context = await browser.NewContextAsync(414, 896);
        var page = await context.NewPageAsync();

        var written = new List<string>();
        var overflow = new StringBuilder();
        await Flows.VisitMainPagesAsync(page, async name =>
        {
            // At phone width nothing may push the page sideways (a wide table scrolls in its own box instead).
            var wide = await page.EvaluateAsync<string[]>("""
                () => {
                    const width = document.documentElement.clientWidth;
                    if (document.documentElement.scrollWidth <= width) return [];
                    return [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > width + 1)
                        .filter(e => !e.parentElement.closest('.table-scroll') || ['absolute', 'fixed'].includes(getComputedStyle(e).position))
                        .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
                        .concat(['the page ' + document.documentElement.scrollWidth + 'px']);
                }
                """);
            if (wide.Length > 0)
            {
                overflow.AppendLine(CultureInfo.InvariantCulture, $"{name}: {string.Join(", ", wide.Take(8))}");
            }

            var path = Path.Combine(folder, $"{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
            written.Add(path);
        });

        Assert.True(overflow.Length == 0, "wider than a 414 px screen:\n" + overflow);
        Assert.Equal(6, written.Count);
        Assert.All(written, path => Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty"));
        Assert.All(written, path => Assert.Equal(414, PngWidth(path))); // full page, and the page is no wider than the screen
    }

    private static int PngWidth(string path)
    {
        var header = new byte[24];
        using var file = File.OpenRead(path);
        file.ReadExactly(header);
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16, 4));
    }
}
