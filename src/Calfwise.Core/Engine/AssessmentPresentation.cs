namespace Calfwise.Core.Engine;

/// <summary>
/// What every output (terminal, web page, PDF) shows first, so they cannot disagree: in a result with a red flag,
/// the conditions the fired flags warn of lead the differential; the restless legs criteria are shown only when
/// restless legs are in question.
/// </summary>
public static class AssessmentPresentation
{
    /// <summary>The differential in showing order: conditions of fired red flags first (highest level first), then by probability.</summary>
    public static IReadOnlyList<ConditionResult> Differential(Assessment assessment)
    {
        var flagged = assessment.RedFlags
            .Where(f => f.ConditionId is not null)
            .OrderByDescending(f => f.Level)
            .Select(f => f.ConditionId!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (flagged.Count == 0)
        {
            return assessment.Differential;
        }

        return assessment.Differential
            .OrderBy(c => flagged.IndexOf(c.Id) is var i and >= 0 ? i : int.MaxValue)
            .ToList();
    }

    /// <summary>Whether the conditions of fired red flags lead the differential: the reader is told why the order differs.</summary>
    public static bool LedByRedFlags(Assessment assessment) => assessment.RedFlags.Any(f => f.ConditionId is not null);

    /// <summary>The restless legs criteria are shown only when restless legs are in question.</summary>
    public static bool ShowsRlsCriteria(Assessment assessment) => assessment.Criteria.Relevant;
}
