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
    public static TheoryData<string> Examples() => new(Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.json").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_terminal_the_page_and_the_PDF_show_the_same_causes_in_the_same_order(string example)
    {
        var path = Path.Combine(Repository.Root, "examples", example);
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
    public void A_cause_behind_a_fired_red_flag_is_shown_first_even_when_unlikely()
    {
        var knowledge = factory.Services.GetRequiredService<KnowledgeBase>();
        var json = File.ReadAllText(Path.Combine(Repository.Root, "examples", "benign-twitch-coffee.json"));
        var real = Assess(knowledge, json);
        var unlikely = real.Differential[^1];
        Assert.True(unlikely.Probability < PresentationPolicy.ShownProbability, "the premise: the last cause is unlikely");
        Assert.True(real.Differential.Count > PresentationPolicy.AlwaysShownConditions + 1, "the premise: it would be left out");
        var flag = new FiredRedFlag("test-flag", TriageLevel.Urgent, "A test warning sign.", []) { ConditionId = unlikely.Id };
        var assessment = real with { RedFlags = [flag] };

        var view = new AssessmentPresenter(knowledge).Present(assessment);

        Assert.True(view.Differential.LedByRedFlags);
        Assert.Equal(unlikely.Id, view.Differential.Shown[0].Id);
        Assert.True(view.Differential.Shown[0].FromRedFlag);
        var withoutFlag = new AssessmentPresenter(knowledge).Present(real);
        Assert.DoesNotContain(withoutFlag.Differential.Shown, c => c.Id == unlikely.Id);
        Assert.False(withoutFlag.Differential.LedByRedFlags);
    }

    [Fact]
    public void Causes_are_left_out_only_past_the_leading_ones_and_below_the_cut_off()
    {
        var knowledge = factory.Services.GetRequiredService<KnowledgeBase>();
        foreach (var example in Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.json").Select(Path.GetFileName).OfType<string>())
        {
            var assessment = Assess(knowledge, File.ReadAllText(Path.Combine(Repository.Root, "examples", example)));
            var view = new AssessmentPresenter(knowledge).Present(assessment);
            var shown = view.Differential.Shown.Select(c => c.Id).ToHashSet();
            var hidden = assessment.Differential.Where(c => !shown.Contains(c.Id)).ToList();
            Assert.Equal(hidden.Count, view.Differential.Hidden);
            Assert.All(hidden, c => Assert.True(c.Probability < PresentationPolicy.ShownProbability, $"{example}: {c.Id} hidden at {c.Probability:P0}"));
            Assert.True(shown.Count >= Math.Min(PresentationPolicy.AlwaysShownConditions, assessment.Differential.Count), example);
        }
    }

    private static Assessment Assess(KnowledgeBase knowledge, string json)
    {
        var read = CaseJson.Read(json, knowledge, TestDates.Today);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        var outcome = new AssessmentEngine(knowledge).Assess(read.Case!);
        Assert.True(outcome.IsSuccess, string.Join("; ", outcome.Errors));
        return outcome.Value;
    }

    private static List<string> Expected(KnowledgeBase knowledge, string json) =>
        new AssessmentPresenter(knowledge).Present(Assess(knowledge, json)).Differential.Shown.Select(c => c.Name).ToList();

    /// <summary>The first cell of each row of the terminal's "What could explain it" table.</summary>
    private static List<string> Terminal(string path)
    {
        var console = new TestConsole().Width(400);
        console.Profile.Capabilities.Ansi = false;
        var code = CalfwiseApp.Run(["assess", path], new CliIo(console, TextWriter.Null, TextReader.Null, Repository.Root));
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
