using System.Globalization;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Diary;

/// <summary>How a daily factor relates to the episodes.</summary>
public sealed record FactorAssociation(string FactorId, string FindingId, int DaysWith, int DaysWithout, double EpisodesPerDayWith, double EpisodesPerDayWithout, bool Associated);

/// <summary>What the diary shows, and the findings it answers for the assessment.</summary>
public sealed record PatternSummary(
    int EpisodeCount,
    double AtRestShare,
    double EveningNightShare,
    IReadOnlyList<FactorAssociation> Associations,
    IReadOnlyDictionary<string, bool> Findings,
    IReadOnlyList<string> Statements);

/// <summary>Turns diary entries into patterns (rest and evening versus trigger-driven) and evidence.</summary>
public sealed class DiaryPatterns(KnowledgeBase knowledge)
{
    public PatternSummary Summarize(IReadOnlyList<DiaryEpisode> episodes, IReadOnlyList<DailyFactors> days)
    {
        var policy = knowledge.Diary;
        var count = episodes.Count;

        // The rest and evening pattern is a restless legs sign only for the urge to move: night cramps at rest are not.
        var urges = episodes.Where(e => e.Kind == EpisodeKind.UrgeToMove).ToList();
        var atRest = urges.Count == 0 ? 0 : urges.Count(e => e.AtRest) / (double)urges.Count;
        var evening = urges.Count == 0 ? 0 : urges.Count(e => IsEveningOrNight(e.Start.Hour, policy)) / (double)urges.Count;
        var findings = new Dictionary<string, bool>(StringComparer.Ordinal);
        var statements = new List<string>();
        if (count < policy.MinEpisodes)
        {
            statements.Add($"Log at least {policy.MinEpisodes} episodes for Calfwise to see a pattern ({count} so far).");
            return new PatternSummary(count, atRest, evening, [], findings, statements);
        }

        if (urges.Count >= policy.MinEpisodes)
        {
            statements.Add($"{Percent(atRest)} of your urge-to-move episodes came at rest, and {Percent(evening)} in the evening or at night.");
            if (atRest >= policy.RestShare)
            {
                findings[policy.RestFinding] = true;
            }

            if (evening >= policy.EveningShare)
            {
                findings[policy.EveningFinding] = true;
            }

            if (atRest >= policy.RestShare && evening >= policy.EveningShare)
            {
                statements.Add("An urge to move mostly at rest and in the evening fits the restless legs pattern.");
            }
        }
        else
        {
            statements.Add($"{count} episodes logged; the rest and evening pattern is read from urge-to-move episodes once there are {policy.MinEpisodes} of them ({urges.Count} so far).");
        }

        var perDay = episodes.GroupBy(e => DateOnly.FromDateTime(e.Start.DateTime)).ToDictionary(g => g.Key, g => g.Count());
        var associations = new List<FactorAssociation>();
        foreach (var factor in policy.Factors)
        {
            var logged = days.Where(d => factor.Applies(d) is not null).ToList();
            var with = logged.Where(d => factor.Applies(d) == true).ToList();
            var without = logged.Where(d => factor.Applies(d) == false).ToList();
            if (with.Count < policy.MinDaysEach || without.Count < policy.MinDaysEach)
            {
                continue; // too few days either way to tell a trigger from chance
            }

            var rateWith = with.Average(d => perDay.GetValueOrDefault(d.Date));
            var rateWithout = without.Average(d => perDay.GetValueOrDefault(d.Date));
            var associated = rateWith > 0 && rateWith >= policy.AssociationRatio * Math.Max(rateWithout, 1e-9);
            associations.Add(new FactorAssociation(factor.Id, factor.FindingId, with.Count, without.Count, rateWith, rateWithout, associated));
            if (associated)
            {
                findings[factor.FindingId] = true;
                statements.Add($"More episodes on {factor.Description} days: {rateWith.ToString("0.#", CultureInfo.InvariantCulture)} a day against {rateWithout.ToString("0.#", CultureInfo.InvariantCulture)} on other days.");
            }
        }

        return new PatternSummary(count, atRest, evening, associations, findings, statements);
    }

    /// <summary>Adds the diary's findings to a case, without overriding anything the person answered.</summary>
    public static PatientCase Apply(PatientCase input, PatternSummary summary)
    {
        var findings = new Dictionary<string, bool>(input.Findings, StringComparer.Ordinal);
        foreach (var (id, value) in summary.Findings)
        {
            if (!findings.ContainsKey(id))
            {
                findings[id] = value;
            }
        }

        return input with { Findings = findings };
    }

    private static bool IsEveningOrNight(int hour, DiaryPolicy policy) =>
        policy.EveningFromHour > policy.EveningToHour
            ? hour >= policy.EveningFromHour || hour < policy.EveningToHour
            : hour >= policy.EveningFromHour && hour < policy.EveningToHour;

    private static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);
}
