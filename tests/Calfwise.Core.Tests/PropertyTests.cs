using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Calfwise.Knowledge;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Calfwise.Core.Tests;

public sealed class PropertyTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;
    private static readonly AssessmentEngine Engine = new(Knowledge);

    /// <summary>How strongly iron is indicated, from not at all to most.</summary>
    private static int Indication(IronPlan plan) => plan switch
    {
        IronPlan.Overload => 0,
        IronPlan.NoIron => 1,
        IronPlan.TestFirst => 1,
        IronPlan.IvOnly => 2,
        IronPlan.IvDialysis => 2,
        IronPlan.OralOrIv => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(plan)),
    };

    [Property(MaxTest = 300)]
    public bool A_lower_ferritin_never_makes_iron_treatment_less_indicated(PositiveInt a, PositiveInt b, PositiveInt tsat, bool male)
    {
        var (low, high) = (Math.Min(a.Get % 2000, b.Get % 2000), Math.Max(a.Get % 2000, b.Get % 2000));
        var tsatPercent = tsat.Get % 100;
        IronPlan Plan(int ferritin) => Engine.Assess(CaseBuilder.Person(40, male ? Sex.Male : Sex.Female)
            .Lab("ferritin", ferritin, "ng/mL").Lab("transferrin-saturation", tsatPercent, "%").Build()).Valid().Iron.Plan;
        return Indication(Plan(low)) >= Indication(Plan(high));
    }

    [Property(MaxTest = 500)]
    public bool Every_unit_conversion_round_trips(NonNegativeInt raw, byte analyteIndex, byte unitIndex)
    {
        var analyte = Knowledge.Analytes[analyteIndex % Knowledge.Analytes.Count];
        var units = analyte.AllUnits.ToList();
        var unit = units[unitIndex % units.Count];
        var value = raw.Get / 100m;
        var back = unit.FromCanonical(unit.ToCanonical(value));
        return Math.Abs(back - value) < 0.000000001m;
    }

    /// <summary>Findings a red flag's rule asks to be present (not under a "not"): the warning signs themselves.</summary>
    private static readonly List<string> WarningSigns = Knowledge.RedFlags
        .SelectMany(f => PositiveFindings(f.When, negated: false))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    private static IEnumerable<string> PositiveFindings(Rule rule, bool negated) => rule switch
    {
        AllRule all => all.Rules.SelectMany(r => PositiveFindings(r, negated)),
        AnyRule any => any.Rules.SelectMany(r => PositiveFindings(r, negated)),
        NotRule not => PositiveFindings(not.Inner, !negated),
        FindingRule { Answer: AnswerKind.Yes } finding when !negated => [finding.FindingId],
        _ => [],
    };

    [Fact]
    public void There_are_warning_signs_to_answer() => Assert.True(WarningSigns.Count > 20, $"{WarningSigns.Count} warning signs");

    [Property(MaxTest = 300)]
    public bool Answering_yes_to_a_red_flag_finding_never_lowers_triage(byte signIndex, byte otherIndex, bool otherAnswer, byte ageIndex, bool male)
    {
        var sign = WarningSigns[signIndex % WarningSigns.Count];
        var other = Knowledge.Findings[otherIndex % Knowledge.Findings.Count].Id;
        var baseCase = CaseBuilder.Person(18 + (ageIndex % 70), male ? Sex.Male : Sex.Female).Answer(otherAnswer, other).Build();
        var before = Engine.Assess(baseCase).Valid();
        var after = Engine.Assess(baseCase.WithAnswer(sign, true)).Valid();
        return after.Triage.Level >= before.Triage.Level;
    }

    [Property(MaxTest = 200)]
    public bool Probabilities_are_between_zero_and_one_and_sorted(byte[] answers)
    {
        var findings = new Dictionary<string, bool>();
        foreach (var b in answers ?? [])
        {
            findings[Knowledge.Findings[b % Knowledge.Findings.Count].Id] = b % 2 == 0;
        }

        var differential = Engine.Assess(CaseBuilder.Man(45).Answers(findings).Build()).Valid().Differential;
        return differential.All(c => c.Probability is >= 0 and <= 1)
            && differential.Zip(differential.Skip(1)).All(p => p.First.Probability >= p.Second.Probability);
    }

    [Property(MaxTest = 200)]
    public bool Unit_spelling_does_not_change_the_unit(bool upper, bool micro)
    {
        var written = micro ? "\u00B5g/L" : "ug/L";
        written = upper ? written.ToUpperInvariant() : written;
        return UnitConverter.Find(Knowledge.AnalytesById["ferritin"], written) is { Code: "ug/L" };
    }
}
