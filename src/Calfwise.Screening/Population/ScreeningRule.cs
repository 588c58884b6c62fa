namespace Calfwise.Screening.Population;

/// <summary>
/// One thing screening looks for across a population (docs/screening.md, "Rules"). Its decision is the engine's: the
/// rule names which of the assessment's conclusions (iron plan, recommendation, lab status) and which facts of the
/// record (dates, procedures, orders) make a patient worth a clinician's look.
/// </summary>
/// <param name="Id">A stable public id (it is a column of the output).</param>
/// <param name="Title">What calls for action, in a clinician's words.</param>
/// <param name="Sources">Source ids of the knowledge base the rule stands on.</param>
public sealed record ScreeningRule(string Id, string Title, IReadOnlyList<string> Sources);

/// <summary>A patient a rule found, with the resources and dates that made it fire and the sources it stands on.</summary>
/// <param name="PatientId">The Patient resource's id.</param>
/// <param name="Rule">The rule that fired.</param>
/// <param name="Evidence">The resources, with their days, the rule read.</param>
/// <param name="Sources">The rule's sources, then those of the knowledge base's limit or range that was crossed.</param>
public sealed record ScreeningHit(string PatientId, ScreeningRule Rule, IReadOnlyList<Evidence> Evidence, IReadOnlyList<string> Sources);

/// <summary>The rules, in the order they are listed in outputs.</summary>
public static class ScreeningRules
{
    public static readonly ScreeningRule RlsIronNotChecked = new(
        "rls-iron-not-checked",
        "Restless legs with no ferritin in the last year",
        ["aasm-2024-rls", "irlssg-2018-iron"]);

    public static readonly ScreeningRule RlsIronLowUntreated = new(
        "rls-iron-low-untreated",
        "Restless legs with ferritin at or below the iron threshold or low transferrin saturation, and no iron treatment since",
        ["aasm-2024-rls", "irlssg-2018-iron"]);

    public static readonly ScreeningRule RlsDopamineAgonistIron = new(
        "rls-dopamine-agonist-iron",
        "Restless legs treated with a dopamine agonist while iron status is unknown or low",
        ["aasm-2024-rls"]);

    public static readonly ScreeningRule IdaNoGiInvestigation = new(
        "ida-no-gi-investigation",
        "Iron deficiency anaemia in a man or a postmenopausal woman with no GI investigation on record",
        ["who-2024-hb", "aga-2020-ida", "bsg-2021-ida"]);

    public static readonly ScreeningRule SaltLoweringMedicineLowSalt = new(
        "salt-lowering-medicine-low-salt",
        "Loop or thiazide diuretic, or a long-term proton pump inhibitor, with low potassium or magnesium",
        ["allen-2012-cramps", "fda-2011-ppi-mg", "lab-reference"]);

    public static readonly ScreeningRule PotassiumRaisingMedicineHighPotassium = new(
        "potassium-raising-medicine-high-potassium",
        "A medicine that raises potassium, with potassium at or above the raised level",
        ["ukka-2023-k"]);

    public static readonly ScreeningRule CriticalLabUnresolved = new(
        "critical-lab-unresolved",
        "A critical lab value in the last 30 days with no later normal result",
        ["lab-reference"]);

    public static IReadOnlyList<ScreeningRule> All { get; } =
    [
        RlsIronNotChecked, RlsIronLowUntreated, RlsDopamineAgonistIron, IdaNoGiInvestigation,
        SaltLoweringMedicineLowSalt, PotassiumRaisingMedicineHighPotassium, CriticalLabUnresolved,
    ];
}
