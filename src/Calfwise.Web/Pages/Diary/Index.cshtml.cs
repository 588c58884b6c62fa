using System.Globalization;
using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Core.Knowledge;
using Calfwise.Data;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Pages.Diary;

/// <summary>The symptom diary: log episodes and daily factors in a few taps, see the charts and the pattern.</summary>
public sealed class IndexModel(DiaryStore store, DiaryPatterns patterns, PersonClock clock, KnowledgeBase knowledge) : PageModel
{
    public DiaryData Data { get; private set; } = null!;

    public List<InputError> Errors { get; } = [];

    public string? Message { get; private set; }

    /// <summary>Now on the person's clock (their zone as last given by their browser, else UTC).</summary>
    public PersonalNow PersonNow { get; private set; } = null!;

    public DateOnly Today => PersonNow.Today;

    /// <summary>The episode form: now on the person's clock, or what they posted when it needs correcting.</summary>
    public EpisodeForm Episode { get; private set; } = null!;

    /// <summary>The day form: today, a day already logged (to change it), or what they posted when it needs correcting.</summary>
    public DayInput Day { get; private set; } = null!;

    /// <summary>The zone "today" was taken in for a new day's form; null when the form shows a day already chosen.</summary>
    public string? DayNowZone { get; private set; }

    /// <summary>The findings the diary answers, by their labels in the knowledge.</summary>
    public IEnumerable<string> EvidenceLabels =>
        Data.Summary.Findings.Keys.Select(id => knowledge.FindingsById.TryGetValue(id, out var finding) ? finding.Label : id);

    public async Task OnGetAsync(DateOnly? day, CancellationToken ct)
    {
        await LoadAsync(null, ct).ConfigureAwait(false);
        if (day is { } date && Data.Days.FirstOrDefault(d => d.Date == date) is { } logged)
        {
            Day = DayInput.From(logged);
            DayNowZone = null;
        }
    }

    public async Task<IActionResult> OnPostEpisodeAsync(EpisodeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = await clock.NowAsync(User.Id(), input.TimeZone, ct).ConfigureAwait(false);
        var (episode, errors) = input.Read(now);
        if (episode is not null && await StorageLimit.SaveAsync(() => store.AddEpisodeAsync(User.Id(), episode, ct), Errors).ConfigureAwait(false))
        {
            return RedirectToPage(new { saved = "episode" });
        }

        Errors.AddRange(errors);
        await LoadAsync(now, ct).ConfigureAwait(false);
        Episode = Episode with { Values = input, NowZone = null };
        return Page();
    }

    public async Task<IActionResult> OnPostDayAsync(DayInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = await clock.NowAsync(User.Id(), input.TimeZone, ct).ConfigureAwait(false);
        var (factors, errors) = input.Read(now);
        if (factors is not null && await StorageLimit.SaveAsync(() => store.SaveDayAsync(User.Id(), factors, ct), Errors).ConfigureAwait(false))
        {
            return RedirectToPage(new { saved = "day" });
        }

        Errors.AddRange(errors);
        await LoadAsync(now, ct).ConfigureAwait(false);
        Day = input;
        DayNowZone = null;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) =>
        await store.DeleteEpisodeAsync(User.Id(), id, ct).ConfigureAwait(false) ? RedirectToPage(new { saved = "deleted" }) : NotFound();

    public async Task<IActionResult> OnPostDeleteDayAsync(DateOnly date, CancellationToken ct) =>
        await store.DeleteDayAsync(User.Id(), date, ct).ConfigureAwait(false) ? RedirectToPage(new { saved = "day-deleted" }) : NotFound();

    private async Task LoadAsync(PersonalNow? now, CancellationToken ct)
    {
        Message = Request.Query["saved"].ToString() switch
        {
            "episode" => "Episode saved.",
            "day" => "Day saved.",
            "deleted" => "Episode deleted.",
            "edited" => "Episode changed.",
            "day-deleted" => "Day deleted.",
            _ => null,
        };
        PersonNow = now ?? await clock.NowAsync(User.Id(), null, ct).ConfigureAwait(false);
        Data = await DiaryData.LoadAsync(store, patterns, User.Id(), ct).ConfigureAwait(false);
        Episode = new EpisodeForm(EpisodeInput.New(PersonNow), "/Diary/Index", "Episode", null, "Save episode", PersonNow.Zone.Id);
        Day = new DayInput { Day = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Iron = "" };
        DayNowZone = PersonNow.Zone.Id;
    }
}
