using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Data;
using Calfwise.Web.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Calfwise.Web.Pages;

/// <summary>Results for a case posted from the interview or the lab page; signed-in people can save them.</summary>
public sealed class ResultsModel(
    KnowledgeBase knowledge,
    AssessmentEngine engine,
    DiaryPatterns patterns,
    CalfwiseDbContext db,
    SignInManager<CalfwiseUser> signIn,
    TimeProvider clock) : PageModel
{
    public Assessment? Assessment { get; private set; }

    public string CaseJsonText { get; private set; } = "";

    public List<InputError> Errors { get; } = [];

    public PatternSummary? Diary { get; private set; }

    public bool Saved { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Interview");

    public async Task OnPostAsync(CancellationToken ct) => await AssessAsync(ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!signIn.IsSignedIn(User))
        {
            return Challenge();
        }

        var patient = await AssessAsync(ct).ConfigureAwait(false);
        if (patient is null || Assessment is null)
        {
            return Page();
        }

        db.Assessments.Add(new SavedAssessment
        {
            Id = Guid.NewGuid(),
            UserId = ApiEndpoints.UserId(User),
            CreatedAt = clock.GetUtcNow(),
            CaseJson = CaseJson.Write(patient),
            TriageLevel = Assessment.Triage.Level.ToId(),
            TopCondition = Assessment.Differential[0].Id,
        });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        Saved = true;
        return Page();
    }

    private async Task<PatientCase?> AssessAsync(CancellationToken ct)
    {
        var read = CaseState.Read(Request, knowledge);
        if (!read.IsValid)
        {
            Errors.AddRange(read.Errors);
            return null;
        }

        var patient = read.Case!;
        if (signIn.IsSignedIn(User))
        {
            // The diary's patterns are evidence too, without overriding what the person answered.
            var userId = ApiEndpoints.UserId(User);
            var episodes = (await db.Episodes.Where(e => e.UserId == userId).ToListAsync(ct).ConfigureAwait(false)).Select(EpisodeDto.ToEpisode).ToList();
            var days = (await db.DailyFactors.Where(d => d.UserId == userId).ToListAsync(ct).ConfigureAwait(false)).Select(DayDto.ToFactors).ToList();
            Diary = patterns.Summarize(episodes, days);
            patient = DiaryPatterns.Apply(patient, Diary);
        }

        CaseJsonText = CaseJson.Write(read.Case!);
        var outcome = engine.Assess(patient);
        if (!outcome.IsValid)
        {
            Errors.AddRange(outcome.Errors);
            return null;
        }

        Assessment = outcome.Assessment;
        return read.Case;
    }
}
