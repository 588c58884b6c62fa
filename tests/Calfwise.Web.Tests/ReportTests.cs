using System.Net;
using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Calfwise.Data;
using Calfwise.Web.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests;

/// <summary>
/// Saved assessments are traceable: each keeps its inputs, the knowledge version and the result as shown; the report
/// (page and PDF) shows that result and says when the knowledge has changed, or that an older one was assessed again.
/// </summary>
public sealed partial class ReportTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    private const string Marker = "MARKER: the advice exactly as it was shown";

    public static TheoryData<string> Examples() => new(Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.json").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_stored_result_reads_back_as_the_same_view(string example)
    {
        var knowledge = factory.Services.GetRequiredService<KnowledgeBase>();
        var read = CaseJson.Read(File.ReadAllText(Path.Combine(Repository.Root, "examples", example)), knowledge, TestDates.Today);
        var view = new AssessmentPresenter(knowledge).Present(factory.Services.GetRequiredService<AssessmentEngine>().Assess(read.Case!).Valid());

        var stored = AssessmentStore.WriteView(view);
        var back = AssessmentStore.ReadView(stored);

        Assert.NotNull(back);
        Assert.Equal(stored, AssessmentStore.WriteView(back));
        Assert.Equal(view.Differential.Shown.Select(c => (c.Id, c.Percent, c.KeyEvidence.Count)), back.Differential.Shown.Select(c => (c.Id, c.Percent, c.KeyEvidence.Count)));
    }

    [Fact]
    public async Task The_report_shows_the_result_as_seen_and_says_when_the_knowledge_has_changed_since()
    {
        var knowledge = factory.Services.GetRequiredService<KnowledgeBase>();
        var (client, userId) = await SignedInAsync("as-seen");
        await SaveAsync(client, "rls-low-ferritin.json");

        var row = await UpdateAsync(userId, _ => { });
        Assert.Equal(knowledge.Version, row.KnowledgeVersion);
        Assert.Matches("^k-[0-9a-f]{12}$", row.KnowledgeVersion);
        Assert.NotNull(CaseJson.Read(row.AssessedCaseJson!, knowledge, TestDates.Today).Case);
        Assert.Equal(row.TriageLevel, AssessmentStore.ReadView(row.ResultJson)!.Triage.Level.ToId());

        // The stored result is what is shown, not a new assessment: a change to it shows on the page and in the PDF.
        await UpdateAsync(userId, r => r.ResultJson = r.ResultJson!.Replace(AssessmentStore.ReadView(r.ResultJson)!.Triage.Advice, Marker, StringComparison.Ordinal));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Report"));
        Assert.Contains(Marker, page, StringComparison.Ordinal);
        Assert.Contains("as you saw it", page, StringComparison.Ordinal);
        Assert.DoesNotContain("has changed since", page, StringComparison.Ordinal);
        Assert.Contains(Marker, await PdfTextAsync(userId), StringComparison.Ordinal);

        await UpdateAsync(userId, r => r.KnowledgeVersion = "k-000000000000");
        page = WebUtility.HtmlDecode(await client.GetStringAsync("/Report"));
        Assert.Contains(Marker, page, StringComparison.Ordinal);
        Assert.Contains("knowledge has changed since", page, StringComparison.Ordinal);
        Assert.Contains("knowledge has changed since", await PdfTextAsync(userId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_assessment_saved_before_results_were_kept_is_assessed_again_and_the_report_says_so()
    {
        var (client, userId) = await SignedInAsync("older");
        await SaveAsync(client, "rls-low-ferritin.json");
        await UpdateAsync(userId, r =>
        {
            r.KnowledgeVersion = null;
            r.AssessedCaseJson = null;
            r.ResultJson = null;
        });

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Report"));

        Assert.Contains("assessed again today", page, StringComparison.Ordinal);
        Assert.DoesNotContain("as you saw it", page, StringComparison.Ordinal);
        Assert.Contains("Restless legs syndrome", page, StringComparison.Ordinal);
        Assert.Contains("assessed again today", await PdfTextAsync(userId), StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, string UserId)> SignedInAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.org";
        var client = await factory.SignedInClientAsync(email);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalfwiseDbContext>();
        return (client, await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
    }

    private static Task SaveAsync(HttpClient client, string example) =>
        SaveJsonAsync(client, File.ReadAllText(Path.Combine(Repository.Root, "examples", example)));

    private static async Task SaveJsonAsync(HttpClient client, string json)
    {
        var token = await CalfwiseFactory.TokenAsync(client, "/Labs");
        var response = await client.PostAsync("/Results?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["case"] = json,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Contains("Saved to your account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Changes the user's single saved assessment in the database, as an older version of the app or a knowledge update would leave it.</summary>
    private async Task<SavedAssessment> UpdateAsync(string userId, Action<SavedAssessment> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CalfwiseDbContext>();
        var row = await db.Assessments.SingleAsync(a => a.UserId == userId);
        change(row);
        await db.SaveChangesAsync();
        return row;
    }

    /// <summary>The PDF's text as the report page builds it (the PDF's own streams are compressed).</summary>
    private async Task<string> PdfTextAsync(string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var stored = await services.GetRequiredService<AssessmentStore>().LatestAsync(userId, CancellationToken.None);
        var diary = new PatternSummary(0, 0, 0, [], new Dictionary<string, bool>(), []);
        var report = ReportAssessment.From(stored, services.GetRequiredService<KnowledgeBase>(), services.GetRequiredService<AssessmentEngine>(), services.GetRequiredService<Calfwise.Core.Presentation.AssessmentPresenter>(), diary, TestDates.Today);
        Assert.NotNull(report);
        return string.Join("\n", ReportPdf.Create(report.View, report.SavedAt, diary, [], DateTimeOffset.UnixEpoch, report.Notes).Text);
    }
}
