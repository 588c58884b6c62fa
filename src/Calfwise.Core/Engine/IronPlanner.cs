using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Engine;

/// <summary>The iron treatment algorithm for restless legs and iron deficiency.</summary>
/// <remarks>
/// AASM 2024 (aasm-2024-rls) and the IRLSSG 2018 task force (irlssg-2018-iron): iron when ferritin is at or below
/// 75 ng/mL (or TSAT below 20% with ferritin up to 75); only IV iron above 75 and up to 100; never iron above 100,
/// whatever the TSAT. Children: below 50 ng/mL.
/// Iron overload (EASL 2022, easl-2022-hfe): TSAT above 45% with a raised ferritin means no iron and a doctor.
/// </remarks>
public sealed class IronPlanner(KnowledgeBase knowledge)
{
    public const decimal AdultAge = 18;

    public IronAssessment Plan(PatientCase input, IReadOnlyList<LabResult> labs, bool? inflammation, bool? anemia, bool? severeAnemia)
    {
        var ferritin = LabInterpreter.Value(labs, "ferritin");
        var tsat = LabInterpreter.Value(labs, "transferrin-saturation");
        var ferritinIron = T(input.Age < AdultAge ? "ferritin-rls-iron-child" : "ferritin-rls-iron");
        var ivMax = T("ferritin-rls-iv-max");
        var tsatIron = T("tsat-rls-iron");
        var tsatOverload = T("tsat-overload");
        var ferritinOverload = T(input.Sex == Sex.Female ? "ferritin-overload-female" : "ferritin-overload-male");

        IronPlan plan;
        string explanation;
        List<Threshold> used;
        if (tsat is { } overloadTsat && overloadTsat > tsatOverload.Value && ferritin is { } highFerritin && highFerritin > ferritinOverload.Value)
        {
            (plan, used) = (IronPlan.Overload, [tsatOverload, ferritinOverload]);
            explanation = $"Transferrin saturation above {tsatOverload.Value}% with ferritin above {ferritinOverload.Value} can mean too much iron: do not take iron, and ask a doctor to look into it.";
        }
        else if (ferritin is null)
        {
            (plan, used) = (IronPlan.TestFirst, [ferritinIron, tsatIron]);
            explanation = "Iron stores are unknown: a ferritin and transferrin saturation test comes before any iron.";
        }
        else if (ferritin > ivMax.Value || (input.Age < AdultAge && ferritin >= ferritinIron.Value && !(tsat < tsatIron.Value)))
        {
            (plan, used) = (IronPlan.NoIron, [ivMax]);
            explanation = input.Age < AdultAge
                ? $"Ferritin of {ferritinIron.Value} ng/mL or more in a child: iron stores are enough, and extra iron is not advised for restless legs."
                : $"Ferritin above {ivMax.Value} ng/mL: iron stores are enough, and extra iron is not advised for restless legs.";
        }
        else if ((input.Age < AdultAge ? ferritin < ferritinIron.Value : ferritin <= ferritinIron.Value) || tsat < tsatIron.Value && ferritin <= T("ferritin-rls-iron").Value)
        {
            (plan, used) = (IronPlan.OralOrIv, [ferritinIron, tsatIron]);
            explanation = input.Age < AdultAge
                ? $"Ferritin below {ferritinIron.Value} ng/mL in a child, or transferrin saturation below {tsatIron.Value}%, is where the restless legs guidelines advise iron."
                : $"Ferritin at or below {ferritinIron.Value} ng/mL, or transferrin saturation below {tsatIron.Value}%, is where the restless legs guidelines advise iron, even without anaemia.";
        }
        else
        {
            (plan, used) = (IronPlan.IvOnly, [ferritinIron, ivMax]);
            explanation = $"Ferritin between {ferritinIron.Value} and {ivMax.Value} ng/mL: iron tablets are poorly absorbed at this level, so for restless legs only iron through a drip (IV) is advised.";
        }

        var sources = used.Select(t => t.SourceId).Distinct(StringComparer.Ordinal).ToList();
        return new IronAssessment(plan, explanation, inflammation, anemia, severeAnemia, sources);
    }

    private Threshold T(string id) => knowledge.Threshold(id);
}
