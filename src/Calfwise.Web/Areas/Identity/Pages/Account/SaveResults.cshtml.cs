using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Calfwise.Data;
using Calfwise.Web.Pages;
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
    PersonalAssessment assessor,
    PendingResults pending,
    SignInManager<CalfwiseUser> signIn,
    TimeProvider clock) : PageModel
{
    private PersonalResult? _result;

    /// <summary>The results as shown and saved, or null when there was nothing to save.</summary>
    public AssessmentView? View => _result?.View;

    public string CaseJsonText { get; private set; } = "";

    public PatternSummary? Diary => _result?.Diary;

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

        var outcome = await assessor.AssessAsync(read.Case, User.Id(), ct).ConfigureAwait(false);
        if (outcome.Value is not { } result)
        {
            Errors.AddRange(outcome.Errors);
            return;
        }

        _result = result;
        CaseJsonText = CaseJson.Write(read.Case);
        if (!await StorageLimit.SaveAsync(() => assessor.SaveAsync(User.Id(), result, ct), Errors).ConfigureAwait(false))
        {
            _result = null; // not saved: the page says why instead of "Saved to your account"
        }
    }
}
