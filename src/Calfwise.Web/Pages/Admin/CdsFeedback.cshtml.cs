using Calfwise.Data;
using Calfwise.Web.Cds;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Pages.Admin;

/// <summary>
/// What clinicians did with Calfwise's CDS Hooks cards: per service and kind of card, how often accepted and
/// overridden, the override reasons given, and the counts by day. For administrators only (AdminAccess).
/// </summary>
public sealed class CdsFeedbackModel(CdsFeedbackStore store, TimeProvider time) : PageModel
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    /// <summary>The period shown: the last this many days up to now.</summary>
    public int Days { get; private set; } = DefaultDays;

    public CdsFeedbackSummary Summary { get; private set; } = new([], [], []);

    public async Task OnGetAsync(int? days)
    {
        Days = Math.Clamp(days ?? DefaultDays, 1, MaxDays);
        var now = time.GetUtcNow();
        Summary = await store.SummaryAsync(now.AddDays(-Days), now.AddMinutes(1), HttpContext.RequestAborted);
    }

    /// <summary>An override reason in words: the display Calfwise offers for its own codes, else the code as sent.</summary>
    public static string Reason(string? system, string? code) =>
        code is null
            ? "(no reason given)"
            : CdsOrderCards.OverrideReasons.FirstOrDefault(r => r.System == system && r.Code == code)?.Display ?? $"{code} ({system ?? "no system"})";
}
