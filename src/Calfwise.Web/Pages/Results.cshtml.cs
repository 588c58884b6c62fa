using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Calfwise.Data;
using Calfwise.Web.Pages.Diary;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Pages;

/// <summary>Results for a case posted from the interview or the lab page; signed-in people can save them.</summary>
public sealed class ResultsModel(
    KnowledgeBase knowledge,
    AssessmentEngine engine,
    DiaryPatterns patterns,
    DiaryStore diary,
    AssessmentStore assessments,
    SignInManager<CalfwiseUser> signIn,
    TimeProvider clock) : PageModel
{
    private Assessment? _assessment;

    /// <summary>The assessment as shown; what is saved is exactly this.</summary>
    public AssessmentView? View { get; private set; }

    public string CaseJsonText { get; private set; } = "";

    public List<InputError> Errors { get; } = [];

    public PatternSummary? Diary { get; private set; }

    public bool Saved { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Interview");

    public async Task OnPostAsync(CaseInput input, CancellationToken ct) => await AssessAsync(input, ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostSaveAsync(CaseInput input, CancellationToken ct)
    {
        if (!signIn.IsSignedIn(User))
        {
            return Challenge();
        }

        if (await AssessAsync(input, ct).ConfigureAwait(false) is not var (entered, assessed) || _assessment is null || View is null)
        {
            return Page();
        }

        Saved = await StorageLimit.SaveAsync(() => assessments.SaveAsync(User.Id(), clock.GetUtcNow(), entered, assessed, _assessment, View, knowledge.Version, ct), Errors).ConfigureAwait(false);
        return Page();
    }

    /// <summary>Assesses the posted case, with the diary's patterns for a signed-in person; the case as entered and as assessed.</summary>
    private async Task<(PatientCase Entered, PatientCase Assessed)?> AssessAsync(CaseInput input, CancellationToken ct)
    {
        var read = input.Read(knowledge, CaseValidator.Today(clock));
        if (!read.IsValid)
        {
            Errors.AddRange(read.Errors);
            return null;
        }

        var entered = read.Case;
        var patient = entered;
        if (signIn.IsSignedIn(User))
        {
            // The diary's patterns are evidence too, without overriding what the person answered.
            Diary = (await DiaryData.LoadAsync(diary, patterns, User.Id(), ct).ConfigureAwait(false)).Summary;
            patient = DiaryPatterns.Apply(entered, Diary);
        }

        CaseJsonText = CaseJson.Write(entered);
        var outcome = engine.Assess(patient);
        if (!outcome.IsSuccess)
        {
            Errors.AddRange(outcome.Errors);
            return null;
        }

        _assessment = outcome.Value;
        View = new AssessmentPresenter(knowledge).Present(_assessment);
        return (entered, patient);
    }
}
