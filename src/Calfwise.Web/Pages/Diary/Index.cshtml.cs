using System.Globalization;
using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Data;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Pages.Diary;

/// <summary>The symptom diary: log episodes and daily factors in a few taps, see the charts and the pattern.</summary>
public sealed class IndexModel(DiaryStore store, DiaryPatterns patterns, PersonClock clock) : PageModel
{
    public DiaryData Data { get; private set; } = null!;

    public List<InputError> Errors { get; } = [];

    public string? Message { get; private set; }

    /// <summary>Now on the person's clock (their zone as last given by their browser, else UTC).</summary>
    public PersonalNow PersonNow { get; private set; } = null!;

    public DateOnly Today => PersonNow.Today;

    public string Now => PersonNow.Local.ToString("HH:mm", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(null, ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostEpisodeAsync(EpisodeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = await clock.NowAsync(User.Id(), input.TimeZone, ct).ConfigureAwait(false);
        var (episode, errors) = input.Read(now);
        if (episode is not null)
        {
            await store.AddEpisodeAsync(User.Id(), episode, ct).ConfigureAwait(false);
            return RedirectToPage(new { saved = "episode" });
        }

        Errors.AddRange(errors);
        await LoadAsync(now, ct).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostDayAsync(DayInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = await clock.NowAsync(User.Id(), input.TimeZone, ct).ConfigureAwait(false);
        var (factors, errors) = input.Read(now);
        if (factors is not null)
        {
            await store.SaveDayAsync(User.Id(), factors, ct).ConfigureAwait(false);
            return RedirectToPage(new { saved = "day" });
        }

        Errors.AddRange(errors);
        await LoadAsync(now, ct).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) =>
        await store.DeleteEpisodeAsync(User.Id(), id, ct).ConfigureAwait(false) ? RedirectToPage(new { saved = "deleted" }) : NotFound();

    private async Task LoadAsync(PersonalNow? now, CancellationToken ct)
    {
        Message = Request.Query["saved"].ToString() switch
        {
            "episode" => "Episode saved.",
            "day" => "Day saved.",
            "deleted" => "Episode deleted.",
            _ => null,
        };
        PersonNow = now ?? await clock.NowAsync(User.Id(), null, ct).ConfigureAwait(false);
        Data = await DiaryData.LoadAsync(store, patterns, User.Id(), ct).ConfigureAwait(false);
    }
}
