using System.Globalization;
using Calfwise.Core.Diary;
using Calfwise.Data;

namespace Calfwise.Web.Pages.Diary;

/// <summary>One user's diary, read once per request for the diary page, the results and the report.</summary>
public sealed record DiaryData(IReadOnlyList<DiaryEpisode> Episodes, IReadOnlyList<DailyFactors> Days, PatternSummary Summary)
{
    public static async Task<DiaryData> LoadAsync(DiaryStore store, DiaryPatterns patterns, string userId, CancellationToken ct)
    {
        var (episodes, days) = await store.LoadAsync(userId, ct).ConfigureAwait(false);
        return new DiaryData(episodes, days, patterns.Summarize(episodes, days));
    }

    /// <summary>Episodes by the hour they started on the person's clock when they logged them.</summary>
    public IReadOnlyList<(string Label, double Value)> ByHour() =>
        Enumerable.Range(0, 24).Select(h => (h.ToString("00", CultureInfo.InvariantCulture), (double)Episodes.Count(e => e.Start.Hour == h))).ToList();

    /// <summary>Episodes on each of the last days up to the person's <paramref name="today"/>.</summary>
    public IReadOnlyList<(string Label, double Value)> ByDay(DateOnly today, int days = 14) =>
        Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1))
            .Select(d => (d.ToString("d MMM", CultureInfo.InvariantCulture), (double)Episodes.Count(e => DateOnly.FromDateTime(e.Start.DateTime) == d)))
            .ToList();
}
