using Calfwise.Core.Presentation;
using System.Globalization;
using System.Text.Json;
using Calfwise.Core.Diary;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Data;
using Calfwise.Web.Pages.Diary;
using Calfwise.Web.Reports;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Calfwise.Web.Pages.Report;

/// <summary>The report a person hands to their doctor: printable page, PDF, and an export of all their data.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)] // personal data: never kept by a cache
public sealed class IndexModel(
    KnowledgeBase knowledge,
    AssessmentEngine engine,
    AssessmentPresenter presenter,
    DiaryPatterns patterns,
    CalfwiseDbContext db,
    DiaryStore diary,
    AssessmentStore assessments,
    PersonClock clock) : PageModel
{
    private static readonly JsonSerializerOptions ExportOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The days the report's per-day chart covers, on the page and in the PDF.</summary>
    public const int ChartDays = 14;

    /// <summary>The latest saved assessment as the report shows it, with where it comes from; null when none was saved.</summary>
    public ReportAssessment? Assessment { get; private set; }

    public DiaryData Diary { get; private set; } = null!;

    /// <summary>Now for the person: the report's date and the diary chart's last day are their own.</summary>
    public PersonalNow Now { get; private set; } = null!;

    public DateOnly Today => Now.Today;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct).ConfigureAwait(false);

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        await LoadAsync(ct).ConfigureAwait(false);
        var pdf = ReportPdf.Create(Assessment, new ReportDiary(Diary.Summary, Diary.ByHour(), Diary.ByDay(Today, ChartDays)), Now.Local).Bytes;
        return File(pdf, "application/pdf", $"calfwise-report-{Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.pdf");
    }

    public async Task<IActionResult> OnGetJsonAsync(CancellationToken ct)
    {
        var userId = User.Id();
        var (episodes, days) = await diary.LoadAsync(userId, ct).ConfigureAwait(false);
        var export = new
        {
            exportedAt = (await clock.NowAsync(userId, null, ct).ConfigureAwait(false)).Instant,
            account = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.UserName }).FirstOrDefaultAsync(ct).ConfigureAwait(false),
            assessments = await db.Assessments.Where(a => a.UserId == userId).OrderBy(a => a.CreatedAt)
                .Select(a => new { a.Id, a.CreatedAt, a.TriageLevel, a.TopCondition, a.KnowledgeVersion, a.CaseJson, a.AssessedCaseJson, a.ResultJson }).ToListAsync(ct).ConfigureAwait(false),
            episodes = episodes.OrderBy(e => e.Start),
            days = days.OrderBy(d => d.Date),
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(export, ExportOptions);
        return File(json, "application/json", "calfwise-data.json");
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var userId = User.Id();
        var episodes = (await diary.EpisodesAsync(userId, ct).ConfigureAwait(false)).OrderBy(e => e.Start);
        var days = await db.DailyFactors.Where(d => d.UserId == userId).OrderBy(d => d.Date).ToListAsync(ct).ConfigureAwait(false); // rows, with their ids
        var saved = await db.Assessments.Where(a => a.UserId == userId).OrderBy(a => a.CreatedAt).ToListAsync(ct).ConfigureAwait(false);
        return File(DataCsv.Write(episodes, days, saved), DataCsv.ContentType, "calfwise-data.csv");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = User.Id();
        Now = await clock.NowAsync(userId, null, ct).ConfigureAwait(false);
        Diary = await DiaryData.LoadAsync(diary, patterns, userId, ct).ConfigureAwait(false);
        Assessment = ReportAssessment.From(await assessments.LatestAsync(userId, ct).ConfigureAwait(false), knowledge, engine, presenter, Diary.Summary, Now.Today);
    }
}
