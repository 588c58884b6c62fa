using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Calfwise.Data;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Pages;

/// <summary>Results for a case posted from the interview or the lab page; signed-in people can save them.</summary>
public sealed class ResultsModel(KnowledgeBase knowledge, PersonalAssessment assessor, SignInManager<CalfwiseUser> signIn, TimeProvider clock) : PageModel
{
    private PersonalResult? _result;

    /// <summary>The assessment as shown; what is saved is exactly this.</summary>
    public AssessmentView? View => _result?.View;

    public string CaseJsonText { get; private set; } = "";

    public List<InputError> Errors { get; } = [];

    public PatternSummary? Diary => _result?.Diary;

    public bool Saved { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Interview");

    public async Task OnPostAsync(CaseInput input, CancellationToken ct) => await AssessAsync(input, ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostSaveAsync(CaseInput input, CancellationToken ct)
    {
        if (!signIn.IsSignedIn(User))
        {
            return Challenge();
        }

        if (await AssessAsync(input, ct).ConfigureAwait(false) is { } result)
        {
            // At a storage limit the page says so instead of "saved".
            Saved = await StorageLimit.SaveAsync(() => assessor.SaveAsync(User.Id(), result, ct), Errors).ConfigureAwait(false);
        }

        return Page();
    }

    /// <summary>Assesses the posted case, with the diary's patterns for a signed-in person.</summary>
    private async Task<PersonalResult?> AssessAsync(CaseInput input, CancellationToken ct)
    {
        var read = input.Read(knowledge, CaseValidator.Today(clock));
        if (!read.IsValid)
        {
            Errors.AddRange(read.Errors);
            return null;
        }

        CaseJsonText = CaseJson.Write(read.Case);
        var outcome = await assessor.AssessAsync(read.Case, signIn.IsSignedIn(User) ? User.Id() : null, ct).ConfigureAwait(false);
        Errors.AddRange(outcome.Errors);
        _result = outcome.Value;
        return _result;
    }
}
