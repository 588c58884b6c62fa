using Calfwise.Core.Diary;
using Calfwise.Data;
using Calfwise.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Calfwise.Web.Pages.Diary;

/// <summary>One user's diary, read once per request for the diary page and the report.</summary>
public sealed record DiaryData(IReadOnlyList<DiaryEpisode> Episodes, IReadOnlyList<DailyFactors> Days, PatternSummary Summary)
{
    public static async Task<DiaryData> LoadAsync(CalfwiseDbContext db, DiaryPatterns patterns, string userId, CancellationToken ct)
    {
        var episodes = (await db.Episodes.Where(e => e.UserId == userId).ToListAsync(ct).ConfigureAwait(false))
            .Select(EpisodeDto.ToEpisode).OrderByDescending(e => e.Start).ToList();
        var days = (await db.DailyFactors.Where(d => d.UserId == userId).ToListAsync(ct).ConfigureAwait(false))
            .Select(DayDto.ToFactors).OrderByDescending(d => d.Date).ToList();
        return new DiaryData(episodes, days, patterns.Summarize(episodes, days));
    }

    public IReadOnlyList<(string Label, double Value)> ByHour() =>
        Enumerable.Range(0, 24).Select(h => (h.ToString("00", System.Globalization.CultureInfo.InvariantCulture), (double)Episodes.Count(e => e.Start.Hour == h))).ToList();

    public IReadOnlyList<(string Label, double Value)> ByDay(DateOnly today, int days = 14) =>
        Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1))
            .Select(d => (d.ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture), (double)Episodes.Count(e => DateOnly.FromDateTime(e.Start.DateTime) == d)))
            .ToList();
}
