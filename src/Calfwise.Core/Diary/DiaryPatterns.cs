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
        var atRest = count == 0 ? 0 : episodes.Count(e => e.AtRest) / (double)count;
        var evening = count == 0 ? 0 : episodes.Count(e => IsEveningOrNight(e.Start.Hour, policy)) / (double)count;
        var findings = new Dictionary<string, bool>(StringComparer.Ordinal);
        var statements = new List<string>();
        if (count < policy.MinEpisodes)
        {
            statements.Add($"Log at least {policy.MinEpisodes} episodes for Calfwise to see a pattern ({count} so far).");
            return new PatternSummary(count, atRest, evening, [], findings, statements);
        }

        statements.Add($"{Percent(atRest)} of episodes came at rest, and {Percent(evening)} in the evening or at night.");
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
            statements.Add("Symptoms mostly at rest and in the evening fit the restless legs pattern.");
        }

        var perDay = episodes.GroupBy(e => DateOnly.FromDateTime(e.Start.DateTime)).ToDictionary(g => g.Key, g => g.Count());
        var associations = new List<FactorAssociation>();
        foreach (var factor in policy.Factors)
        {
            var logged = days.Where(d => factor.Applies(d) is not null).ToList();
            var with = logged.Where(d => factor.Applies(d) == true).ToList();
            var without = logged.Where(d => factor.Applies(d) == false).ToList();
            if (with.Count == 0 || without.Count == 0)
            {
                continue;
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
