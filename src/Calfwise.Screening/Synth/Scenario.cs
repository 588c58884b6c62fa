namespace Calfwise.Screening.Synth;

/// <summary>
/// The screening situations the generator makes on purpose (at most one per patient), written as a tag on the
/// Patient (<see cref="FhirNames.ScenarioTag"/>) so a screening run can be checked against what was meant.
/// </summary>
public enum Scenario
{
    None,
    /// <summary>Restless legs, no ferritin in the last year (some have an older one).</summary>
    RlsNoRecentFerritin,
    /// <summary>Restless legs, ferritin and TSAT in the last year above the iron thresholds.</summary>
    RlsIronReplete,
    /// <summary>Restless legs, ferritin at or below the RLS threshold or TSAT below its threshold, no iron since.</summary>
    RlsIronLowUntreated,
    /// <summary>The same, with iron (oral or IV) prescribed after the result.</summary>
    RlsIronLowTreated,
    /// <summary>Restless legs on a dopamine agonist, no ferritin on record in the last year.</summary>
    RlsAgonistFerritinUnknown,
    /// <summary>Restless legs on a dopamine agonist, ferritin at or below the RLS threshold.</summary>
    RlsAgonistFerritinLow,
    /// <summary>A man or postmenopausal woman with haemoglobin below the WHO cut-off and low ferritin, not investigated.</summary>
    IronDeficiencyAnaemiaNoGi,
    /// <summary>The same, with colonoscopy and upper GI endoscopy after the result.</summary>
    IronDeficiencyAnaemiaGiDone,
    /// <summary>On a loop or thiazide diuretic with low potassium.</summary>
    DiureticLowPotassium,
    /// <summary>On a proton pump inhibitor with low magnesium.</summary>
    PpiLowMagnesium,
    /// <summary>On a potassium-raising medicine with potassium at or above the raised threshold.</summary>
    RaisingMedicineHighPotassium,
    /// <summary>A critical lab value in the last 30 days, not repeated since.</summary>
    CriticalNotRepeated,
    /// <summary>A critical lab value in the last 30 days, with a later normal value of the same analyte.</summary>
    CriticalThenNormal,
}

/// <summary>The tag codes of the scenarios.</summary>
public static class Scenarios
{
    /// <summary>The code written in the Patient's tag (<c>rls-iron-low-untreated</c>).</summary>
    public static string Code(this Scenario scenario) => scenario switch
    {
        Scenario.None => "none",
        Scenario.RlsNoRecentFerritin => "rls-no-recent-ferritin",
        Scenario.RlsIronReplete => "rls-iron-replete",
        Scenario.RlsIronLowUntreated => "rls-iron-low-untreated",
        Scenario.RlsIronLowTreated => "rls-iron-low-treated",
        Scenario.RlsAgonistFerritinUnknown => "rls-agonist-ferritin-unknown",
        Scenario.RlsAgonistFerritinLow => "rls-agonist-ferritin-low",
        Scenario.IronDeficiencyAnaemiaNoGi => "ida-no-gi-investigation",
        Scenario.IronDeficiencyAnaemiaGiDone => "ida-gi-investigated",
        Scenario.DiureticLowPotassium => "diuretic-low-potassium",
        Scenario.PpiLowMagnesium => "ppi-low-magnesium",
        Scenario.RaisingMedicineHighPotassium => "raising-medicine-high-potassium",
        Scenario.CriticalNotRepeated => "critical-not-repeated",
        Scenario.CriticalThenNormal => "critical-then-normal",
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };
}
