using Calfwise.Core.Cases;
using Calfwise.Data;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Pages.Diary;

/// <summary>Changes one episode of the person's diary, read with the same form and rules as a new one (and as the API).</summary>
public sealed class EditModel(DiaryStore store, PersonClock clock) : PageModel
{
    public EpisodeForm Episode { get; private set; } = null!;

    public List<InputError> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await store.EpisodeAsync(User.Id(), id, ct).ConfigureAwait(false) is not { } episode)
        {
            return NotFound();
        }

        var now = await clock.NowAsync(User.Id(), null, ct).ConfigureAwait(false);
        Episode = Form(EpisodeInput.From(episode, now.Zone), id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, EpisodeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = await clock.NowAsync(User.Id(), input.TimeZone, ct).ConfigureAwait(false);
        var (episode, errors) = input.Read(now);
        if (episode is null)
        {
            Errors.AddRange(errors);
            Episode = Form(input, id);
            return Page();
        }

        return await store.UpdateEpisodeAsync(User.Id(), id, episode, ct).ConfigureAwait(false) is null
            ? NotFound()
            : RedirectToPage("/Diary/Index", new { saved = "edited" });
    }

    private static EpisodeForm Form(EpisodeInput values, Guid id) => new(values, "/Diary/Edit", null, id, "Save changes", null);
}
