using System.Globalization;
using System.Text;
using Calfwise.Web.Tests.Results;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Calfwise.Web.Tests.Browser;

/// <summary>The results of each triage level in a real browser, with the details open: accessible, and the bars aligned.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class ResultsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, int> LevelsAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var person in new[] { "restless legs, ferritin 22", "caffeine twitching", "suspected clot", "emergency" })
        {
            data.Add(person, 360);
            data.Add(person, 1280);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LevelsAndWidths))]
    public async Task Results_with_their_details_open_have_no_accessibility_violations_and_aligned_bars(string person, int width)
    {
        await using var context = await browser.NewContextAsync(width, 900);
        var page = await context.NewPageAsync();
        await ShowResultsAsync(page, ResultsCaseByName(person));

        await page.GetByText("Details for you and your doctor").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What could explain it" })).ToBeVisibleAsync();

        var result = await page.RunAxe();
        var report = new StringBuilder();
        foreach (var violation in result.Violations)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{person} at {width}px: {violation.Id} [{violation.Impact}] {violation.Help} {string.Join(", ", violation.Nodes.Select(n => n.Target.ToString()))}");
        }

        Assert.True(report.Length == 0, report.ToString());
        var left = await page.Locator(".bar svg.track").EvaluateAllAsync<double[]>("tracks => tracks.map(t => Math.round(t.getBoundingClientRect().left))");
        Assert.NotEmpty(left);
        Assert.All(left, x => Assert.Equal(left[0], x));
    }

    private static string ResultsCaseByName(string person) => person switch
    {
        "restless legs, ferritin 22" => ResultsCases.RestlessLegsFerritin22,
        "caffeine twitching" => ResultsCases.CaffeineTwitching,
        "suspected clot" => ResultsCases.SuspectedClot,
        _ => ResultsCases.Emergency,
    };

    /// <summary>Posts a case to the results page from the lab page's form, as a person's browser would.</summary>
    private static async Task ShowResultsAsync(IPage page, string caseJson)
    {
        await page.GotoAsync("/Labs");
        await page.EvaluateAsync("""
            json => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/Results';
                for (const [name, value] of [['case', json], ['__RequestVerificationToken', document.querySelector('input[name=__RequestVerificationToken]').value]]) {
                    const input = document.createElement('input');
                    input.type = 'hidden'; input.name = name; input.value = value;
                    form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
            }
            """, caseJson);
        await Expect(page.Locator("section.banner")).ToBeVisibleAsync();
    }
}
