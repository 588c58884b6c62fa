namespace Calfwise.Core.Knowledge;

/// <summary>How soon a person should seek care, in increasing urgency; comparison follows that order.</summary>
public enum TriageLevel
{
    /// <summary>Manage at home with the plan.</summary>
    SelfCare = 0,
    /// <summary>Book an appointment in the coming weeks.</summary>
    Routine = 1,
    /// <summary>See a doctor today or within 24 hours.</summary>
    Urgent = 2,
    /// <summary>Call emergency services or go to an emergency department now.</summary>
    Emergency = 3,
}

public static class TriageLevels
{
    public static IReadOnlyList<TriageLevel> All { get; } = [TriageLevel.SelfCare, TriageLevel.Routine, TriageLevel.Urgent, TriageLevel.Emergency];

    public static string ToId(this TriageLevel level) => level switch
    {
        TriageLevel.SelfCare => "self-care",
        TriageLevel.Routine => "routine",
        TriageLevel.Urgent => "urgent",
        TriageLevel.Emergency => "emergency",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static bool TryParse(string? id, out TriageLevel level)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToId(), id, StringComparison.Ordinal))
            {
                level = candidate;
                return true;
            }
        }

        level = TriageLevel.SelfCare;
        return false;
    }

    public static TriageLevel Max(TriageLevel a, TriageLevel b) => a >= b ? a : b;
}
