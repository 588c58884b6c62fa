using System.Net;
using System.Text.RegularExpressions;
using Calfwise.Core.Diary;
using Calfwise.Web.Reports;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Calfwise.Web.Tests;

/// <summary>
/// The report for the doctor, as a doctor reads it: a first page with who, what, how long, the warning signs asked and
/// their answers, labs with units, dates and ranges, medicines and the triage; then the details; no internal keys.
/// The PDF is read back with a PDF reader, not from the text the report meant to write.
/// </summary>
public sealed partial class ReportTests
{
    // A 45-year-old woman with twitching and an urge to move, ferritin 22 with a date, on sertraline; she denied the
    // nerve warning signs, and did not know about breathing trouble.
    private const string Case = """
        {
          "age": 45, "sex": "female", "pregnant": false,
          "findings": {
            "calf-twitching": true, "urge-to-move-legs": true, "symptoms-longer-than-two-weeks": true,
            "muscle-weakness": false, "calf-swelling-one-side": false,
            "muscle-wasting": false, "speech-or-swallowing-difficulty": false, "breathing-difficulty": null,
            "heavy-menstrual-bleeding": true
          },
          "medications": ["sertraline"],
          "labs": [
            { "analyte": "ferritin", "value": 22, "unit": "ng/mL", "date": "2026-11-03" },
            { "analyte": "hemoglobin", "value": 121, "unit": "g/L" }
          ]
        }
        """;

    /// <summary>What the first page must say, in words a doctor reads (on the page and in the PDF alike).</summary>
    private static readonly string[] FirstPage =
    [
        "45 years, female, not pregnant",
        "Calf fasciculations",
        "More than two weeks",
        "sertraline",
        "Muscle wasting",
        "Respiratory muscle weakness",
        "Don't know",
        "22 ng/mL",
        "3 Nov 2026",
        "Heavy menstrual bleeding",
        "Threshold used for the iron decision",
    ];

    /// <summary>Internal keys and strings a doctor should never see.</summary>
    private static readonly string[] Internal =
    [
        "calfwise-policy", "urn:calfwise", "lab-reference", "No: ", "×1 ", "muscle-wasting", "breathing-difficulty", "(grade",
    ];

    [Fact]
    public async Task The_report_page_shows_who_what_how_long_the_answers_labs_and_medicines_without_internal_keys()
    {
        var (client, _) = await SignedInAsync("doctor-page");
        await SaveJsonAsync(client, Case);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Report"));

        var summary = page[page.IndexOf("id=\"summary-heading\"", StringComparison.Ordinal)..page.IndexOf("id=\"details-heading\"", StringComparison.Ordinal)];
        Assert.All(FirstPage, text => Assert.Contains(text, summary, StringComparison.Ordinal));
        var words = Flat(Regex.Replace(summary, "<[^>]+>", " "));
        Assert.Contains(" Muscle wasting No ", words, StringComparison.Ordinal);
        Assert.Contains(" Respiratory muscle weakness Don't know ", words, StringComparison.Ordinal);
        Assert.Matches("Not present [^;]*; Muscle weakness ", words);
        Assert.All(Internal, key => Assert.DoesNotContain(key, page, StringComparison.Ordinal));
        Assert.Contains("https://doi.org/", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_PDF_first_page_shows_the_summary_and_the_details_follow_without_internal_keys()
    {
        var (client, _) = await SignedInAsync("doctor-pdf");
        await SaveJsonAsync(client, Case);

        var response = await client.GetAsync("/Report?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pages = PdfPages(await response.Content.ReadAsByteArrayAsync());

        Assert.True(pages.Count >= 2, "a first page, then the details");
        var first = Flat(pages[0]);
        Assert.All(FirstPage, text => Assert.Contains(text, first, StringComparison.Ordinal));
        Assert.Contains("Blood results", first, StringComparison.Ordinal);
        Assert.DoesNotContain("What could explain it", first, StringComparison.Ordinal);
        Assert.StartsWith("Details", pages[1].TrimStart(), StringComparison.Ordinal);
        var all = Flat(string.Join("\n", pages));
        Assert.All(Internal, key => Assert.DoesNotContain(key, all, StringComparison.Ordinal));
        Assert.Contains("https://doi.org/", all, StringComparison.Ordinal);
    }

    [Fact]
    public void The_PDF_draws_both_diary_charts()
    {
        var statements = new[] { "Most episodes started while resting." };
        var diary = new ReportDiary(
            new PatternSummary(6, 0.5, 0.5, [], new Dictionary<string, bool>(), statements),
            Enumerable.Range(0, 24).Select(h => (h.ToString("00", System.Globalization.CultureInfo.InvariantCulture), (double)(h % 4))).ToList(),
            Enumerable.Range(1, 14).Select(d => ($"{d:00}/11", (double)(d % 3))).ToList());

        var text = Flat(string.Join("\n", PdfPages(ReportPdf.Create(null, diary, DateTimeOffset.UnixEpoch).Bytes)));

        Assert.Contains("Episodes by hour of day", text, StringComparison.Ordinal);
        Assert.Contains("Episodes per day, last 14 days", text, StringComparison.Ordinal);
        Assert.Contains(statements[0], text, StringComparison.Ordinal);
    }

    private static List<string> PdfPages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)).ToList();
    }

    /// <summary>Text with line breaks and runs of spaces read as one space, as wrapped lines join up again.</summary>
    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");
}
