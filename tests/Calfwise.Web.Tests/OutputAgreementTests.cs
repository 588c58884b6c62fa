using System.Net;
using System.Text.RegularExpressions;
using Calfwise.Cli;
using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Calfwise.Web.Reports;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Testing;

namespace Calfwise.Web.Tests;

/// <summary>
/// The terminal, the web page and the report for the doctor lay out one presentation of an assessment: for the same
/// case they show the same causes in the same order.
/// </summary>
public sealed partial class OutputAgreementTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    public static TheoryData<string> Examples() => new(Directory.GetFiles(Path.Combine(ApiTests.RepoRoot(), "examples"), "*.json").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_terminal_the_page_and_the_PDF_show_the_same_causes_in_the_same_order(string example)
    {
        var path = Path.Combine(ApiTests.RepoRoot(), "examples", example);
        var knowledge = factory.Services.GetRequiredService<KnowledgeBase>();
        var expected = Expected(knowledge, File.ReadAllText(path));
        Assert.NotEmpty(expected);

        var terminal = Terminal(path);
        var page = await PageAsync(File.ReadAllText(path));
        var pdf = Pdf(knowledge, File.ReadAllText(path));

        Assert.Equal(expected, terminal);
        Assert.Equal(expected, page);
        Assert.Equal(expected, pdf);
    }

    [Fact]
    public void A_cause_behind_a_fired_red_flag_is_shown_even_when_unlikely()
    {
        var knowledge = factory.Services.GetRequiredService<KnowledgeBase>();
        var json = File.ReadAllText(Path.Combine(ApiTests.RepoRoot(), "examples", "swollen-calf-after-flight.json"));
        var assessment = Assess(knowledge, json);
        var view = new AssessmentPresenter(knowledge).Present(assessment);

        var flagged = assessment.RedFlags.Select(f => f.ConditionId).OfType<string>().Distinct().ToList();
        Assert.NotEmpty(flagged);
        Assert.True(view.Differential.LedByRedFlags);
        Assert.Equal(flagged.Order(), view.Differential.Shown.Take(flagged.Count).Select(c => c.Id).Order());
        Assert.Equal(assessment.Differential.Count, view.Differential.Shown.Count + view.Differential.Hidden);
    }

    private static Assessment Assess(KnowledgeBase knowledge, string json)
    {
        var read = CaseJson.Read(json, knowledge);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var outcome = new AssessmentEngine(knowledge).Assess(read.Case!);
        Assert.True(outcome.IsValid);
        return outcome.Assessment!;
    }

    private static List<string> Expected(KnowledgeBase knowledge, string json) =>
        new AssessmentPresenter(knowledge).Present(Assess(knowledge, json)).Differential.Shown.Select(c => c.Name).ToList();

    /// <summary>The first cell of each row of the terminal's "What could explain it" table.</summary>
    private static List<string> Terminal(string path)
    {
        var console = new TestConsole().Width(400);
        console.Profile.Capabilities.Ansi = false;
        var code = CalfwiseApp.Run(["assess", path], new CliIo(console, TextWriter.Null, TextReader.Null, ApiTests.RepoRoot()));
        Assert.Equal(0, code);
        var lines = console.Output.Split('\n');
        var start = Array.FindIndex(lines, l => l.Contains("What could explain it", StringComparison.Ordinal));
        Assert.True(start >= 0, console.Output);
        return lines.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith('└'))
            .Where(l => l.StartsWith('│'))
            .Select(l => l.Split('│')[1].Trim())
            .Skip(1) // the header row
            .ToList();
    }

    private async Task<List<string>> PageAsync(string json)
    {
        var client = factory.Client();
        var token = await CalfwiseFactory.TokenAsync(client, "/Labs");
        var response = await client.PostAsync("/Results", new FormUrlEncodedContent(new Dictionary<string, string> { ["case"] = json, ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return BarName().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
    }

    /// <summary>The lines of the PDF's "What could explain it" section, up to each line's colon.</summary>
    private static List<string> Pdf(KnowledgeBase knowledge, string json)
    {
        var view = new AssessmentPresenter(knowledge).Present(Assess(knowledge, json));
        var text = ReportPdf.Create(view, DateTimeOffset.UnixEpoch, new PatternSummary(0, 0, 0, [], new Dictionary<string, bool>(), []), [], DateTimeOffset.UnixEpoch).Text;
        var start = text.ToList().FindIndex(l => l.StartsWith("What could explain it", StringComparison.Ordinal));
        Assert.True(start >= 0);
        return text.Skip(start + 1)
            .Where(l => !l.StartsWith("The causes behind", StringComparison.Ordinal))
            .TakeWhile(l => !l.Contains("other causes were considered", StringComparison.Ordinal) && !l.StartsWith("Restless legs criteria", StringComparison.Ordinal) && !l.StartsWith("Laboratory results", StringComparison.Ordinal) && !l.StartsWith("Iron:", StringComparison.Ordinal))
            .Select(l => PdfCause().Match(l) is { Success: true } match ? match.Groups[1].Value : "unreadable line: " + l)
            .ToList();
    }

    [GeneratedRegex("^(.+?): (?:under 1%|[0-9]+%)")]
    private static partial Regex PdfCause();

    [GeneratedRegex("<span class=\"bar-name\">([^<]+)</span>")]
    private static partial Regex BarName();
}
