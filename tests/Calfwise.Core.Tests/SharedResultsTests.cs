using System.Globalization;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>
/// The engine keeps what reads the same for every case (the iron plan's words, the criteria, a condition without
/// evidence, a calm triage) and shares it: a shared result must still be what a new engine makes for that case, also
/// when the thread's culture (which writes the numbers) changes between cases.
/// </summary>
public sealed class SharedResultsTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;

    [Fact]
    public void A_text_kept_for_one_culture_is_made_again_for_another()
    {
        var shared = new AssessmentEngine(Knowledge);
        var overload = CaseBuilder.Man(40).Lab("ferritin", 1500, "ng/mL").Lab("transferrin-saturation", 30, "%");
        var original = CultureInfo.CurrentCulture;
        try
        {
            // Cultures made here (the tests may run without culture data): one writes 1,000, the other 1.000.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            var dot = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            dot.NumberFormat.NumberGroupSeparator = ".";
            dot.NumberFormat.NumberDecimalSeparator = ",";
            var explanations = new List<string>();
            foreach (var culture in new[] { comma, dot, comma })
            {
                CultureInfo.CurrentCulture = culture;
                var kept = shared.Assess(overload).Valid();
                var made = new AssessmentEngine(Knowledge).Assess(overload).Valid();
                Assert.Equal(made.Iron.Explanation, kept.Iron.Explanation);
                explanations.Add(kept.Iron.Explanation);
            }

            Assert.Contains("1,000", explanations[0], StringComparison.Ordinal);
            Assert.Contains("1.000", explanations[1], StringComparison.Ordinal);
            Assert.Equal(explanations[0], explanations[2]);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Cases_assessed_one_after_another_read_as_each_read_alone()
    {
        PatientCase[] cases =
        [
            CaseBuilder.Woman(30),
            CaseBuilder.Woman(55).Yes("urge-to-move-legs").Lab("ferritin", 40, "ng/mL"),
            CaseBuilder.Man(70).Lab("hemoglobin", 9, "g/dL").Lab("ferritin", 12, "ng/mL"),
            CaseBuilder.Woman(30),
            CaseBuilder.Man(4).Lab("ferritin", 30, "ng/mL").Lab("crp", 20, "mg/L"),
            CaseBuilder.Woman(55).Yes("urge-to-move-legs").Lab("ferritin", 40, "ng/mL"),
        ];
        var shared = new AssessmentEngine(Knowledge);
        foreach (var input in cases)
        {
            var kept = shared.Assess(input).Valid();
            var made = new AssessmentEngine(Knowledge).Assess(input).Valid();
            Assert.Equivalent(made, kept, strict: true);
        }
    }

    [Fact]
    public void A_shared_result_cannot_be_changed_by_a_caller()
    {
        var engine = new AssessmentEngine(Knowledge);
        var input = CaseBuilder.Man(40).Lab("ferritin", 1500, "ng/mL").Lab("transferrin-saturation", 30, "%");
        var first = engine.Assess(input).Valid();
        Assert.Throws<NotSupportedException>(() => ((IList<string>)first.Iron.Sources).Add("x"));
        Assert.Throws<NotSupportedException>(() => ((IList<Threshold>)first.Iron.Thresholds).Clear());
        Assert.Throws<NotSupportedException>(() => ((IList<CriterionResult>)first.Criteria.Criteria)[0] = first.Criteria.Criteria[0]);
        Assert.Equivalent(new AssessmentEngine(Knowledge).Assess(input).Valid(), engine.Assess(input).Valid(), strict: true);
    }
}
