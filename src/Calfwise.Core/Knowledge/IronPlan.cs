namespace Calfwise.Core.Knowledge;

/// <summary>The outcome of the iron treatment algorithm (AASM 2024, IRLSSG 2018).</summary>
public enum IronPlan
{
    /// <summary>No ferritin yet: test before any iron.</summary>
    TestFirst,
    /// <summary>Ferritin at or below 75 ng/mL or TSAT below 20%: oral iron, IV iron if oral fails.</summary>
    OralOrIv,
    /// <summary>Ferritin above 75 and up to 100 ng/mL: only IV iron helps RLS.</summary>
    IvOnly,
    /// <summary>Ferritin above 100 ng/mL: no iron for RLS.</summary>
    NoIron,
    /// <summary>Iron overload suspected, or ferritin above 1,000: no iron, see a doctor.</summary>
    Overload,
    /// <summary>On dialysis with ferritin below 200 ng/mL and TSAT below 20%: IV iron sucrose.</summary>
    IvDialysis,
}

public static class IronPlanIds
{
    public static string ToId(this IronPlan plan) => plan switch
    {
        IronPlan.TestFirst => "test-first",
        IronPlan.OralOrIv => "oral-or-iv",
        IronPlan.IvOnly => "iv-only",
        IronPlan.NoIron => "no-iron",
        IronPlan.Overload => "overload",
        IronPlan.IvDialysis => "iv-dialysis",
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, null),
    };
}
