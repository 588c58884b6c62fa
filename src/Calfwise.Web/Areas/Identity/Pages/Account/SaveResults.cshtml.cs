using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Calfwise.Data;
using Calfwise.Web.Pages;
using Calfwise.Web.Pages.Diary;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Saving results from the results page for someone not yet signed in: the post keeps the case (<see cref="PendingResults"/>)
/// and sends them to register or log in, which return here; here the kept case is assessed, saved to the account and shown.
/// </summary>
[AllowAnonymous]
public sealed class SaveResultsModel(
    KnowledgeBase knowledge,
    AssessmentEngine engine,
    DiaryPatterns patterns,
    DiaryStore diary,
    AssessmentStore assessments,
    PendingResults pending,
    SignInManager<CalfwiseUser> signIn,
    TimeProvider clock) : PageModel
{
    /// <summary>The results as shown and saved, or null when there was nothing to save.</summary>
    public AssessmentView? View { get; private set; }

    public string CaseJsonText { get; private set; } = "";

    public PatternSummary? Diary { get; private set; }

    public List<InputError> Errors { get; } = [];

    /// <summary>Keeps the posted case and goes on to register (<paramref name="to"/> "register") or log in (anything else).</summary>
    public async Task<IActionResult> OnPostAsync(CaseInput input, string? to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var read = input.Read(knowledge, CaseValidator.Today(clock));
        if (!read.IsValid)
        {
            Errors.AddRange(read.Errors);
            return Page();
        }

        var json = CaseJson.Write(read.Case);
        if (signIn.IsSignedIn(User))
        {
            await SaveAsync(json, ct).ConfigureAwait(false);
            return Page();
        }

        if (!pending.Keep(Response, json))
        {
            Errors.Add(new("case", "These results are too large to keep while you register. Please register first, then check your symptoms again."));
            return Page();
        }

        var page = to == "register" ? "./Register" : "./Login";
        return RedirectToPage(page, new { returnUrl = PendingResults.SavePath });
    }

    /// <summary>After registering or logging in: saves the kept case to the account and shows its results.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!signIn.IsSignedIn(User))
        {
            return Challenge();
        }

        if (pending.Take(HttpContext) is not { } json)
        {
            Errors.Add(new("case", "There were no results waiting to be saved. Results are kept for an hour while you register or log in."));
            return Page();
        }

        await SaveAsync(json, ct).ConfigureAwait(false);
        return Page();
    }

    private async Task SaveAsync(string json, CancellationToken ct)
    {
        var read = CaseState.Read(json, knowledge, CaseValidator.Today(clock));
        if (!read.IsValid)
        {
            Errors.AddRange(read.Errors);
            return;
        }

        // As on the results page: the diary's patterns are evidence too, without overriding what the person answered.
        var entered = read.Case;
        Diary = (await DiaryData.LoadAsync(diary, patterns, User.Id(), ct).ConfigureAwait(false)).Summary;
        var assessed = DiaryPatterns.Apply(entered, Diary);
        var outcome = engine.Assess(assessed);
        if (!outcome.IsSuccess)
        {
            Errors.AddRange(outcome.Errors);
            return;
        }

        View = new AssessmentPresenter(knowledge).Present(outcome.Value);
        CaseJsonText = CaseJson.Write(entered);
        if (!await Calfwise.Web.Pages.StorageLimit.SaveAsync(() => assessments.SaveAsync(User.Id(), clock.GetUtcNow(), entered, assessed, outcome.Value, View, knowledge.Version, ct), Errors).ConfigureAwait(false))
        {
            View = null; // not saved: the page says why instead of "Saved to your account"
        }
    }
}
