using System.Text.RegularExpressions;

namespace Calfwise.Web.Tests.Results;

/// <summary>What the results page says cannot contradict itself: labels, bands, time frames, warning-sign levels and sources.</summary>
public sealed partial class ResultsLayoutTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    [Fact]
    public async Task Ferritin_22_in_restless_legs_reads_low_for_restless_legs_never_normal()
    {
        var html = await ResultsPage.RenderAsync(factory.Client(), ResultsCases.RestlessLegsFerritin22);
        var row = FerritinRow().Match(ResultsPage.Details(html));

        Assert.True(row.Success, "a ferritin row in the lab table");
        Assert.Contains("low for restless legs (at or below 75", row.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("status-normal", row.Value, StringComparison.Ordinal);
        Assert.Contains("General range", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plain_layer_names_the_local_iron_tablet_with_its_elemental_iron()
    {
        var above = ResultsPage.AboveDetails(await ResultsPage.RenderAsync(factory.Client(), ResultsCases.RestlessLegsFerritin22));

        Assert.Contains("ferrous sulfate 200 mg", above, StringComparison.Ordinal);
        Assert.Contains("65 mg of elemental iron", above, StringComparison.Ordinal);
        Assert.DoesNotContain("325 mg", above, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ResultsCases.PregnantRestlessLegs, "midwife")]
    [InlineData(ResultsCases.Child, "child's doctor")]
    public async Task Care_for_this_person_is_among_the_plain_steps(string caseJson, string words)
    {
        var above = ResultsPage.AboveDetails(await ResultsPage.RenderAsync(factory.Client(), caseJson));

        Assert.Contains(words, System.Net.WebUtility.HtmlDecode(above), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suspected_clot_gives_the_same_time_frame_in_the_banner_and_the_plan()
    {
        var html = await ResultsPage.RenderAsync(factory.Client(), ResultsCases.SuspectedClot);
        var banner = Banner().Match(html).Value;

        Assert.Contains("within 4 hours", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("24 hours", banner, StringComparison.Ordinal);
        Assert.Contains("within 4 hours", ResultsPage.Details(html), StringComparison.Ordinal);
        Assert.Contains("needs checking", ResultsPage.AboveDetails(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_routine_warning_sign_is_not_shown_as_an_emergency()
    {
        var details = ResultsPage.Details(await ResultsPage.RenderAsync(factory.Client(), ResultsCases.LongstandingTwitching));

        Assert.Contains("class=\"flags flags-routine\"", details, StringComparison.Ordinal);
        Assert.Contains("Worth checking with your doctor (not urgent)", details, StringComparison.Ordinal);
        Assert.DoesNotContain("flags-emergency", details, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning signs", details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ResultsCases.All), MemberType = typeof(ResultsCases))]
    public async Task Sources_are_full_references_with_the_project_policy_never_first(string person, string caseJson)
    {
        var html = await ResultsPage.RenderAsync(factory.Client(), caseJson);
        var sources = SourceList().Match(html).Groups[1].Value;
        var first = FirstItem().Match(sources).Value;

        Assert.False(string.IsNullOrEmpty(first), person);
        Assert.DoesNotContain("Calfwise project policy", first, StringComparison.Ordinal);
        Assert.DoesNotContain("urn:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("[calfwise-policy]", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GB", "Call 999")]
    [InlineData("US", "Call 911")]
    [InlineData("AU", "Call 000")]
    public async Task The_emergency_banner_names_the_number_of_the_configured_country(string country, string call)
    {
        await using var local = new CalfwiseFactory();
        local.Settings["Calfwise:Locale:Country"] = country;

        var banner = Banner().Match(await ResultsPage.RenderAsync(local.Client(), ResultsCases.Emergency)).Value;

        Assert.Contains("banner emergency", banner, StringComparison.Ordinal);
        Assert.Contains(call, banner, StringComparison.Ordinal);
        Assert.Contains("<polygon", banner, StringComparison.Ordinal); // the octagon: not colour alone
    }

    [GeneratedRegex("<tr>\\s*<td>Ferritin</td>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex FerritinRow();

    [GeneratedRegex("<section class=\"banner .*?</section>", RegexOptions.Singleline)]
    private static partial Regex Banner();

    [GeneratedRegex("<ol class=\"small sources\">(.*?)</ol>", RegexOptions.Singleline)]
    private static partial Regex SourceList();

    [GeneratedRegex("<li>.*?</li>", RegexOptions.Singleline)]
    private static partial Regex FirstItem();
}
