using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;

namespace Calfwise.Core.Engine;

/// <summary>The iron treatment algorithm for restless legs and iron deficiency anaemia.</summary>
/// <remarks>
/// In the order checked:
/// <list type="number">
/// <item>Ferritin above 1,000, or TSAT above 45% with ferritin raised for the sex: a doctor, no iron (easl-2022-hfe).</item>
/// <item>No ferritin: test first.</item>
/// <item>On dialysis: IV iron sucrose when ferritin is below 200 and TSAT below 20% (aasm-2024-rls).</item>
/// <item>Iron deficiency anaemia (ferritin below 45, TSAT below 20%, or ferritin below 70 with inflammation): iron
/// now, not deferred by the search for the cause (bsg-2021-ida, aga-2020-ida, who-2020-ferritin).</item>
/// <item>Children: ferritin below 50 (or TSAT below 20%): iron, oral first (irlssg-2018-iron).</item>
/// <item>Pregnancy: ferritin below 75 (or TSAT below 20%): oral iron (picchietti-2015-preg).</item>
/// <item>Adults, per the AASM text: ferritin at or below 75 or TSAT below 20%: iron; above 75 that iron is IV, as
/// oral iron is poorly absorbed; ferritin up to 100: IV only; above 100 with TSAT at or above 20%: no iron (aasm-2024-rls).</item>
/// </list>
/// </remarks>
public sealed class IronPlanner(KnowledgeBase knowledge)
{
    public const decimal AdultAge = 18;

    /// <summary>The finding that says a person is on dialysis.</summary>
    public const string DialysisFinding = "on-dialysis";

    /// <summary>Each outcome of <see cref="Decide"/> (its plan, words and thresholds read from the knowledge base alone), made once.</summary>
    private readonly CultureSlots<Decision> _decisions = new(Outcomes);

    private const int Outcomes = 18;

    public IronAssessment Plan(ValidatedCase input, IReadOnlyList<LabResult> labs, bool? anemia, bool? severeAnemia)
    {
        var inflammation = input.Inflammation;
        var decision = Decide(input, LabInterpreter.Value(labs, AnalyteIds.Ferritin), LabInterpreter.Value(labs, AnalyteIds.TransferrinSaturation), inflammation, anemia);
        return new IronAssessment(decision.Plan, decision.Explanation, inflammation, anemia, severeAnemia, decision.Sources) { Thresholds = decision.Used };
    }

    private Decision Decide(ValidatedCase input, decimal? ferritin, decimal? tsat, bool? inflammation, bool? anemia)
    {
        var decisions = _decisions.Current;
        var veryHigh = T("ferritin-very-high");
        var tsatIron = T("tsat-rls-iron");
        var tsatOverload = T("tsat-overload");
        var ferritinOverload = T(input.Sex == Sex.Female ? "ferritin-overload-female" : "ferritin-overload-male");
        var lowTsat = tsat < tsatIron.Value;

        if (ferritin > veryHigh.Value)
        {
            return decisions[0] ??= Made(IronPlan.Overload, $"Ferritin above {veryHigh.Value:0,0} is not low iron: it can mean too much iron, liver disease or inflammation. Do not take iron; a doctor should look for the cause.", [veryHigh]);
        }

        if (tsat > tsatOverload.Value && ferritin > ferritinOverload.Value)
        {
            return decisions[input.Sex == Sex.Female ? 1 : 2] ??= Made(IronPlan.Overload, $"Transferrin saturation above {tsatOverload.Value}% with ferritin above {ferritinOverload.Value} can mean too much iron: do not take iron, and ask a doctor to look into it.", [tsatOverload, ferritinOverload]);
        }

        if (ferritin is not { } value)
        {
            return decisions[3] ??= Made(IronPlan.TestFirst, "Iron stores are unknown: a ferritin and transferrin saturation test comes before any iron.", [T("ferritin-rls-iron"), tsatIron]);
        }

        if (input.Answer(DialysisFinding) == true)
        {
            var dialysis = T("ferritin-dialysis-iron");
            return tsat is null
                ? (decisions[4] ??= Made(IronPlan.TestFirst, $"On dialysis, iron for restless legs depends on both ferritin (below {dialysis.Value}) and transferrin saturation (below {tsatIron.Value}%): a transferrin saturation result is needed.", [dialysis, tsatIron]))
                : value < dialysis.Value && lowTsat
                    ? (decisions[5] ??= Made(IronPlan.IvDialysis, $"On dialysis with ferritin below {dialysis.Value} and transferrin saturation below {tsatIron.Value}%: the restless legs guideline suggests iron sucrose through a drip, given by the kidney team.", [dialysis, tsatIron]))
                    : (decisions[6] ??= Made(IronPlan.NoIron, $"On dialysis, iron for restless legs is suggested only when ferritin is below {dialysis.Value} and transferrin saturation below {tsatIron.Value}%; your results are not both below.", [dialysis, tsatIron]));
        }

        var anaemiaCut = T("ferritin-deficiency-anemia-aga");
        var inflamedCut = T(input.Age < 5 ? "ferritin-deficiency-inflamed-child" : "ferritin-deficiency-inflamed");
        if (anemia == true && (value < anaemiaCut.Value || lowTsat || (inflammation == true && value < inflamedCut.Value)))
        {
            return decisions[input.Age < 5 ? 7 : 8] ??= Made(IronPlan.OralOrIv, "These results fit iron deficiency anaemia: iron treatment is advised now, alongside, not instead of, finding the cause.", [anaemiaCut, tsatIron, inflamedCut]);
        }

        if (input.Age < AdultAge)
        {
            var child = T("ferritin-rls-iron-child");
            return value < child.Value || lowTsat
                ? (decisions[9] ??= Made(IronPlan.OralOrIv, $"In a child, ferritin below {child.Value} ng/mL (or transferrin saturation below {tsatIron.Value}%) is where the restless legs guidelines advise iron, by mouth first, at a dose the child's doctor works out.", [child, tsatIron]))
                : (decisions[10] ??= Made(IronPlan.NoIron, $"In a child, ferritin of {child.Value} ng/mL or more with transferrin saturation not below {tsatIron.Value}%: extra iron is not advised for restless legs.", [child, tsatIron]));
        }

        if (input.IsPregnant)
        {
            var pregnancy = T("ferritin-pregnancy-iron");
            return value < pregnancy.Value || lowTsat
                ? (decisions[11] ??= Made(IronPlan.OralOrIv, $"In pregnancy, ferritin below {pregnancy.Value} ng/mL is where iron by mouth is advised for restless legs; your midwife or doctor will advise on the dose and on whether a drip would help after the first trimester.", [pregnancy, tsatIron]))
                : (decisions[12] ??= Made(IronPlan.NoIron, $"In pregnancy, iron for restless legs is advised when ferritin is below {pregnancy.Value} ng/mL; yours is not.", [pregnancy]));
        }

        var ferritinIron = T("ferritin-rls-iron");
        var ivMax = T("ferritin-rls-iv-max");
        if (value <= ferritinIron.Value)
        {
            return decisions[13] ??= Made(IronPlan.OralOrIv, $"Ferritin at or below {ferritinIron.Value} ng/mL is where the restless legs guidelines advise iron, even without anaemia: tablets, or a drip if tablets fail.", [ferritinIron]);
        }

        if (value <= ivMax.Value)
        {
            return decisions[14] ??= Made(IronPlan.IvOnly, $"Ferritin between {ferritinIron.Value} and {ivMax.Value} ng/mL: iron tablets are poorly absorbed at this level, so for restless legs only iron through a drip (IV) is advised.", [ferritinIron, ivMax]);
        }

        if (lowTsat)
        {
            return decisions[15] ??= Made(IronPlan.IvOnly, $"Transferrin saturation below {tsatIron.Value}% calls for iron whatever the ferritin, because inflammation can push ferritin up and hide low iron; with ferritin above {ferritinIron.Value}, tablets are poorly absorbed, so iron through a drip is the option to discuss with your doctor.", [tsatIron, ferritinIron]);
        }

        return tsat is null
            ? (decisions[16] ??= Made(IronPlan.NoIron, $"Ferritin above {ivMax.Value} ng/mL: iron is not advised for restless legs unless transferrin saturation is below {tsatIron.Value}%, so ask for that result too.", [ivMax, tsatIron]))
            : (decisions[17] ??= Made(IronPlan.NoIron, $"Ferritin above {ivMax.Value} ng/mL with transferrin saturation of {tsatIron.Value}% or more: iron stores are enough, and extra iron is not advised for restless legs.", [ivMax, tsatIron]));
    }

    private Threshold T(string id) => knowledge.Threshold(id);

    private static Decision Made(IronPlan plan, string explanation, Threshold[] used) =>
        new(plan, explanation, Array.AsReadOnly(used), used.Select(t => t.SourceId).Distinct(StringComparer.Ordinal).ToList().AsReadOnly()); // shared by every case: read-only

    /// <summary>An outcome of the algorithm: the plan, why, the thresholds it was decided on and their sources.</summary>
    private sealed record Decision(IronPlan Plan, string Explanation, IReadOnlyList<Threshold> Used, IReadOnlyList<string> Sources);
}
