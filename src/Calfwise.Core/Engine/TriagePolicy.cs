using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Engine;

/// <summary>
/// The one triage rule, used by the assessment, the interview's what-ifs and so every output: the level is the
/// highest of self-care, every fired red flag (critical lab limits included) and every condition that is at least
/// 'possible'. The differential can only raise the level, so a grade D estimate never lowers it below a red flag,
/// and a missing answer (likelihood ratio 1) never lowers it at all.
/// </summary>
public static class TriagePolicy
{
    /// <summary>The level from the highest fired red flag and each condition's probability and own level.</summary>
    public static TriageLevel Level(TriageLevel redFlags, IEnumerable<(double Probability, TriageLevel Triage)> conditions, double possible)
    {
        var level = redFlags;
        foreach (var (probability, triage) in conditions)
        {
            if (probability >= possible)
            {
                level = TriageLevels.Max(level, triage);
            }
        }

        return level;
    }

    /// <summary>The level from the highest fired red flag and the differential's conditions, as <see cref="Level(TriageLevel, IEnumerable{ValueTuple{double, TriageLevel}}, double)"/> reads them.</summary>
    public static TriageLevel Level(TriageLevel redFlags, IReadOnlyList<ConditionResult> differential, double possible)
    {
        var level = redFlags;
        for (var i = 0; i < differential.Count; i++)
        {
            if (differential[i].Probability >= possible)
            {
                level = TriageLevels.Max(level, differential[i].Triage);
            }
        }

        return level;
    }

    /// <summary>The highest level among fired red flags, or self-care when none fired.</summary>
    public static TriageLevel Highest(IEnumerable<FiredRedFlag> redFlags) =>
        redFlags.Select(f => f.Level).DefaultIfEmpty(TriageLevel.SelfCare).Max();

    /// <summary>The same as <see cref="Highest(IEnumerable{FiredRedFlag})"/> for a list, read without allocating.</summary>
    public static TriageLevel Highest(IReadOnlyList<FiredRedFlag> redFlags)
    {
        if (redFlags.Count == 0)
        {
            return TriageLevel.SelfCare;
        }

        var level = redFlags[0].Level;
        for (var i = 1; i < redFlags.Count; i++)
        {
            level = redFlags[i].Level > level ? redFlags[i].Level : level;
        }

        return level;
    }
}
