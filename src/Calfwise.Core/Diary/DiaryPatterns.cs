using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Diary;

/// <summary>How a daily factor relates to the episodes.</summary>
/// <param name="FactorId">The factor's id in knowledge/diary.yaml.</param>
/// <param name="FindingId">The finding an association answers yes.</param>
/// <param name="DaysWith">Logged days with the factor.</param>
/// <param name="DaysWithout">Logged days without it.</param>
/// <param name="EpisodesPerDayWith">Average episodes on days with it.</param>
/// <param name="EpisodesPerDayWithout">Average episodes on days without it.</param>
/// <param name="Associated">Whether days with it have enough more episodes (associationRatio) to count as a link.</param>
/// <param name="Label">What makes a day count, in words from the knowledge (for example "4+ cups of caffeine").</param>
/// <param name="Steady">Whether enough days lie behind it (knowledge/diary.yaml, steadyDaysEach) not to call it possibly chance.</param>
public sealed record FactorAssociation(
    string FactorId,
    string FindingId,
    int DaysWith,
    int DaysWithout,
    double EpisodesPerDayWith,
    double EpisodesPerDayWithout,
    bool Associated,
    string Label,
    bool Steady)
{
    /// <summary>All the logged days it is read from.</summary>
    public int Days => DaysWith + DaysWithout;

    /// <summary>What it shows and how sure it is, in a sentence or two (<see cref="DiaryWording"/>).</summary>
    public string Statement => DiaryWording.Association(this);
}

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
            statements.Add(DiaryWording.RestAndEvening(urges.Count, urges.Select(e => DateOnly.FromDateTime(e.Start.DateTime)).Distinct().Count(), atRest, evening));
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
            statements.Add($"{count} episodes logged. Calfwise looks at whether an urge to move comes at rest or in the evening once you have logged {policy.MinEpisodes} of them ({urges.Count} so far).");
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
            var steady = with.Count >= policy.SteadyDaysEach && without.Count >= policy.SteadyDaysEach;
            var association = new FactorAssociation(factor.Id, factor.FindingId, with.Count, without.Count, rateWith, rateWithout, associated, factor.Description, steady);
            associations.Add(association);
            if (associated)
            {
                findings[factor.FindingId] = true;
                statements.Add(association.Statement);
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
}
