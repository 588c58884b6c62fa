using System.Globalization;
using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Data;
using Calfwise.Web.Api;
using Calfwise.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Calfwise.Web.Pages.Diary;

/// <summary>The symptom diary: log episodes and daily factors in a few taps, see the charts and the pattern.</summary>
public sealed class IndexModel(CalfwiseDbContext db, DiaryPatterns patterns, TimeProvider clock) : PageModel
{
    public DiaryData Data { get; private set; } = null!;

    public List<InputError> Errors { get; } = [];

    public string? Message { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    public string Now => clock.GetLocalNow().ToString("HH:mm", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostEpisodeAsync(CancellationToken ct)
    {
        var form = Request.Form;
        var date = default(DateOnly);
        var time = default(TimeOnly);
        if (!DateOnly.TryParse(form["date"], CultureInfo.InvariantCulture, out date) || !TimeOnly.TryParse(form["time"], CultureInfo.InvariantCulture, out time))
        {
            Errors.Add(new("date", "Please give the date and time of the episode."));
        }

        var duration = Number(form["duration"], "duration", 0);
        var intensity = Number(form["intensity"], "intensity", -1);
        var leg = Enum.TryParse<Leg>(form["leg"], ignoreCase: true, out var l) ? l : (Leg?)null;
        var kind = Enum.TryParse<EpisodeKind>(form["kind"], ignoreCase: true, out var k) ? k : (EpisodeKind?)null;
        if (leg is null)
        {
            Errors.Add(new("leg", "Please choose which leg."));
        }

        if (kind is null)
        {
            Errors.Add(new("kind", "Please choose what it felt like."));
        }

        if (Errors.Count == 0)
        {
            // The time is the person's own wall-clock time; it is kept as typed so hours of day stay theirs.
            var dto = new EpisodeDto(new DateTimeOffset(date.ToDateTime(time), TimeSpan.Zero), duration, leg!.Value, form["location"].ToString(), kind!.Value, intensity, form["atRest"] == "yes");
            // The typed time is the person's wall clock; the furthest time zone is 14 hours ahead of UTC.
            Errors.AddRange(dto.ToEpisode().Validate(new DateTimeOffset(clock.GetUtcNow().UtcDateTime.AddHours(14), TimeSpan.Zero)));
            if (Errors.Count == 0)
            {
                db.Episodes.Add(dto.ToRow(Guid.NewGuid(), User.Id()));
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return RedirectToPage(new { saved = "episode" });
            }
        }

        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostDayAsync(CancellationToken ct)
    {
        var form = Request.Form;
        if (!DateOnly.TryParse(form["day"], CultureInfo.InvariantCulture, out var date))
        {
            Errors.Add(new("day", "Please give the date."));
        }

        int? Int(string name) => int.TryParse(form[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : NotANumber<int>(name);
        decimal? Dec(string name) => CaseState.TryParseDecimal(form[name], out var v) ? v : NotANumber<decimal>(name);
        T? NotANumber<T>(string name)
            where T : struct
        {
            if (!string.IsNullOrWhiteSpace(form[name]))
            {
                Errors.Add(new(name, $"'{form[name]}' is not a number."));
            }

            return null;
        }

        var factors = new DailyFactors(date, Int("caffeine"), Dec("alcohol"), Dec("sleep"), Int("stress"), Int("exercise"), Dec("fluids"), form["iron"] == "yes" ? true : form["iron"] == "no" ? false : null);
        Errors.AddRange(factors.Validate(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(14))));
        if (Errors.Count == 0)
        {
            await DayDto.SaveAsync(db, User.Id(), factors, ct).ConfigureAwait(false);
            return RedirectToPage(new { saved = "day" });
        }

        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var userId = User.Id();
        var deleted = await db.Episodes.Where(e => e.Id == id && e.UserId == userId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        return deleted == 0 ? NotFound() : RedirectToPage(new { saved = "deleted" });
    }

    private int Number(string? text, string field, int fallback)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors.Add(new(field, $"Please give the {field} as a whole number."));
        return fallback;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Message = Request.Query["saved"].ToString() switch
        {
            "episode" => "Episode saved.",
            "day" => "Day saved.",
            "deleted" => "Episode deleted.",
            _ => null,
        };
        Data = await DiaryData.LoadAsync(db, patterns, User.Id(), ct).ConfigureAwait(false);
    }
}
