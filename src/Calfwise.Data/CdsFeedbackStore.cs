using Microsoft.EntityFrameworkCore;

namespace Calfwise.Data;

/// <summary>Counts of one card kind of one service over a period: how often accepted and overridden.</summary>
public sealed record CdsCardCounts(string ServiceId, string CardKind, int Accepted, int Overridden);

/// <summary>How often an override reason was given for a card kind.</summary>
public sealed record CdsReasonCount(string ServiceId, string CardKind, string? ReasonSystem, string? ReasonCode, int Count);

/// <summary>Feedback of one day (UTC, by the time the clinician acted).</summary>
public sealed record CdsDayCounts(DateOnly Day, int Accepted, int Overridden);

/// <summary>The feedback summary an administrator sees.</summary>
public sealed record CdsFeedbackSummary(IReadOnlyList<CdsCardCounts> Cards, IReadOnlyList<CdsReasonCount> Reasons, IReadOnlyList<CdsDayCounts> Days);

/// <summary>
/// CDS Hooks feedback in the database, and its summary per service and card kind. Grouping is done in memory over
/// the period's rows (two columns each), so it reads the same on SQLite and PostgreSQL; the period is bounded.
/// </summary>
public sealed class CdsFeedbackStore(CalfwiseDbContext db)
{
    public const string Accepted = "accepted";
    public const string Overridden = "overridden";

    /// <summary>Most rows one summary reads: beyond that the summary says it is cut short.</summary>
    public const int MaxSummaryRows = 200_000;

    public async Task AddAsync(IReadOnlyList<CdsFeedbackRow> rows, CancellationToken cancel = default)
    {
        db.CdsFeedback.AddRange(rows);
        await db.SaveChangesAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>The feedback whose outcome fell in [from, to).</summary>
    public async Task<CdsFeedbackSummary> SummaryAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancel = default)
    {
        var rows = await db.CdsFeedback.AsNoTracking()
            .Where(f => f.OutcomeAt >= from && f.OutcomeAt < to)
            .OrderBy(f => f.OutcomeAt)
            .Take(MaxSummaryRows)
            .Select(f => new { f.ServiceId, f.CardKind, f.Outcome, f.OutcomeAt, f.ReasonSystem, f.ReasonCode })
            .ToListAsync(cancel).ConfigureAwait(false);

        var cards = rows.GroupBy(r => (r.ServiceId, r.CardKind))
            .Select(g => new CdsCardCounts(g.Key.ServiceId, g.Key.CardKind, g.Count(r => r.Outcome == Accepted), g.Count(r => r.Outcome == Overridden)))
            .OrderBy(c => c.ServiceId, StringComparer.Ordinal).ThenBy(c => c.CardKind, StringComparer.Ordinal).ToList();
        var reasons = rows.Where(r => r.Outcome == Overridden)
            .GroupBy(r => (r.ServiceId, r.CardKind, r.ReasonSystem, r.ReasonCode))
            .Select(g => new CdsReasonCount(g.Key.ServiceId, g.Key.CardKind, g.Key.ReasonSystem, g.Key.ReasonCode, g.Count()))
            .OrderBy(r => r.ServiceId, StringComparer.Ordinal).ThenBy(r => r.CardKind, StringComparer.Ordinal).ThenByDescending(r => r.Count).ToList();
        var days = rows.GroupBy(r => DateOnly.FromDateTime(r.OutcomeAt.UtcDateTime))
            .Select(g => new CdsDayCounts(g.Key, g.Count(r => r.Outcome == Accepted), g.Count(r => r.Outcome == Overridden)))
            .OrderBy(d => d.Day).ToList();
        return new CdsFeedbackSummary(cards, reasons, days);
    }
}
