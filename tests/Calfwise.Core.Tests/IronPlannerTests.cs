using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

public sealed class IronPlannerTests
{
    private static readonly AssessmentEngine Engine = new(EmbeddedKnowledge.Instance);

    // ferritin ng/mL (null: not tested), TSAT % (null: not tested), age, expected plan (AASM 2024, IRLSSG 2018)
    [Theory]
    [InlineData(null, null, 40, "test-first")] // no ferritin: test before iron
    [InlineData("74.9", null, 40, "oral-or-iv")]
    [InlineData("75", null, 40, "oral-or-iv")] // edge: at 75 iron is advised
    [InlineData("75.1", null, 40, "iv-only")] // just above 75: only IV
    [InlineData("100", null, 40, "iv-only")] // edge: at 100 IV still advised
    [InlineData("100.1", null, 40, "no-iron")] // above 100: no iron
    [InlineData("70", "30", 40, "oral-or-iv")]
    [InlineData("90", "19.9", 40, "iv-only")] // TSAT below 20 with ferritin 75-100: still only IV
    [InlineData("90", "20", 40, "iv-only")] // edge: TSAT 20 is not below 20
    [InlineData("500", "15", 60, "iv-only")] // AASM: TSAT below 20 calls for iron whatever the ferritin; above 75 it is IV
    [InlineData("100.1", "19.9", 40, "iv-only")] // edge: just above 100 with TSAT just below 20
    [InlineData("100.1", "20", 40, "no-iron")] // edge: above 100 with TSAT 20 is not iron
    [InlineData("1000", "30", 40, "no-iron")] // edge: 1,000 is not above 1,000
    [InlineData("1000.1", "30", 40, "overload")] // ferritin above 1,000: a doctor, never iron
    [InlineData("1500", "15", 40, "overload")] // ferritin above 1,000 even with a low TSAT: a doctor first
    [InlineData("60", "25", 10, "no-iron")] // a child with ferritin 60 gets no iron and no adult wording
    [InlineData("49", null, 10, "oral-or-iv")] // children: iron below 50
    [InlineData("50", null, 10, "no-iron")] // edge for children: no adult IV-only band
    [InlineData("400", "60", 40, "overload")] // TSAT above 45 with raised ferritin: overload
    public void The_iron_plan_follows_the_guideline_thresholds(string? ferritin, string? tsat, int age, string plan)
    {
        var labs = new List<LabInput>();
        if (ferritin is not null)
        {
            labs.Add(new LabInput("ferritin", decimal.Parse(ferritin, System.Globalization.CultureInfo.InvariantCulture), "ng/mL"));
        }

        if (tsat is not null)
        {
            labs.Add(new LabInput("transferrin-saturation", decimal.Parse(tsat, System.Globalization.CultureInfo.InvariantCulture), "%"));
        }

        PatientCase patient = CaseBuilder.Woman(age).Labs(labs);
        Assert.Equal(plan, Engine.Assess(patient).Valid().Iron.Plan.ToId());
    }

    [Fact]
    public void Ferritin_in_pmol_per_litre_reaches_the_same_plan_as_in_ng_per_ml()
    {
        PatientCase Case(decimal value, string unit) =>
            new(40, Sex.Male, null, new Dictionary<string, bool>(), [], [new LabInput("ferritin", value, unit)], null);
        Assert.Equal(IronPlan.OralOrIv, Engine.Assess(Case(168.525m, "pmol/L")).Valid().Iron.Plan); // 75 ng/mL exactly
        Assert.Equal(IronPlan.IvOnly, Engine.Assess(Case(168.6m, "pmol/L")).Valid().Iron.Plan);
    }
}
