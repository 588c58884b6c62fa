using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;

namespace Calfwise.Screening.Population;

public sealed partial class Screener
{
    private const string RestlessLegsId = "restless-legs";
    private const string IronPreparation = "iron-preparation";
    private const string DopamineAgonist = "dopamine-agonist";
    private const string ProtonPumpInhibitor = "proton-pump-inhibitor";
    private const string GiInvestigation = "gi-investigation";

    /// <summary>The medicine classes that lower potassium and magnesium (allen-2012-cramps; fda-2011-ppi-mg for the PPIs).</summary>
    private static readonly string[] SaltLowering = ["loop-diuretic", "thiazide-diuretic", ProtonPumpInhibitor];

    /// <summary>A PPI lowers magnesium after long use: the FDA's 2011 safety communication reports most cases after a year or more (fda-2011-ppi-mg).</summary>
    private const int LongTermPpiDays = 365;

    /// <summary>How recent a critical value must be for screening to raise it (the and the rule's window).</summary>
    public const int CriticalWindowDays = 30;

    /// <summary>
    /// Whether iron is low for restless legs (aasm-2024-rls: ferritin at or below the iron threshold, or transferrin
    /// saturation below its threshold, whatever the ferritin): the engine's plan is iron now or IV iron on dialysis,
    /// or IV iron because the saturation is low. Suspected overload is never low iron.
    /// </summary>
    private bool IronLow(PatientContext p)
    {
        var tsat = knowledge.Threshold("tsat-rls-iron");
        return p.Assessment.Iron.Plan switch
        {
            IronPlan.OralOrIv or IronPlan.IvDialysis => true,
            IronPlan.IvOnly => p.Result(AnalyteIds.TransferrinSaturation) is { } saturation && saturation.CanonicalValue < tsat.Value,
            _ => false,
        };
    }

    private void RestlessLegs(PatientContext p, List<ScreeningHit> hits)
    {
        if (!p.HasActive(RestlessLegsId))
        {
            return;
        }

        var rls = p.Active(RestlessLegsId).Select(c => c.Source).ToList();
        if (rls.Count == 0)
        {
            return;
        }

        var plan = p.Assessment.Iron.Plan;
        var ironLabs = new[] { p.Lab(AnalyteIds.Ferritin), p.Lab(AnalyteIds.TransferrinSaturation) }.OfType<LabFact>().ToList();
        var ironEvidence = rls.Concat(ironLabs.Select(l => l.Source)).ToList();
        var thresholds = p.Assessment.Iron.Thresholds.Select(t => t.SourceId);
        if (plan == IronPlan.TestFirst && p.Lab(AnalyteIds.Ferritin) is null)
        {
            hits.Add(p.Hit(ScreeningRules.RlsIronNotChecked, rls));
        }

        var low = IronLow(p);
        if (low)
        {
            var since = ironLabs.Min(l => l.Date);
            var treated = p.Record.Medications.Any(m => m.Classes.Contains(IronPreparation) && (m.Source.Date ?? DateOnly.MinValue) >= since);
            if (!treated)
            {
                hits.Add(p.Hit(ScreeningRules.RlsIronLowUntreated, ironEvidence, thresholds));
            }
        }

        var agonists = p.Taking(DopamineAgonist).Select(m => m.Source).ToList();
        if (agonists.Count > 0 && (plan == IronPlan.TestFirst || low))
        {
            hits.Add(p.Hit(ScreeningRules.RlsDopamineAgonistIron, ironEvidence.Concat(agonists), thresholds));
        }
    }

    /// <summary>
    /// The engine advises finding the cause of the iron loss (<c>investigate-blood-loss</c>: an adult man, a woman after
    /// the menopause or aged 50 or over…) for anaemia with ferritin below the AGA cut-off, and no GI procedure is on record.
    /// </summary>
    private void IronDeficiencyAnaemia(PatientContext p, List<ScreeningHit> hits)
    {
        if (p.Assessment.Iron.Anemia != true || !p.Recommends("investigate-blood-loss"))
        {
            return;
        }

        var cut = knowledge.Threshold("ferritin-deficiency-anemia-aga");
        if (p.Result(AnalyteIds.Ferritin) is not { } ferritin || ferritin.CanonicalValue >= cut.Value || p.Record.Procedures.Any(x => x.Kind == GiInvestigation))
        {
            return;
        }

        var evidence = new[] { p.Lab(AnalyteIds.Hemoglobin), p.Lab(AnalyteIds.Ferritin) }.OfType<LabFact>().Select(l => l.Source);
        hits.Add(p.Hit(ScreeningRules.IdaNoGiInvestigation, evidence, [cut.SourceId]));
    }

    private void Medicines(PatientContext p, List<ScreeningHit> hits)
    {
        // The medicines are read only for a low result: most records have none.
        if (IsLow(p, AnalyteIds.Potassium) || IsLow(p, AnalyteIds.Magnesium))
        {
            var lowering = SaltLowering.SelectMany(c => p.Taking(c).Where(_ => c != ProtonPumpInhibitor || LongTermPpi(p)).Select(m => m.Source)).ToList();
            var low = new[] { AnalyteIds.Potassium, AnalyteIds.Magnesium }
                .Where(a => IsLow(p, a))
                .Select(a => p.Lab(a)!.Value.Source).ToList();
            if (lowering.Count > 0)
            {
                hits.Add(p.Hit(ScreeningRules.SaltLoweringMedicineLowSalt, lowering.Concat(low)));
            }
        }

        if (p.Recommends(PotassiumReview) && p.Lab(AnalyteIds.Potassium) is { } potassium)
        {
            var raising = p.Record.Medications.Where(m => m.Active && m.Classes.Any(_potassiumRaising.Contains)).Select(m => m.Source);
            hits.Add(p.Hit(ScreeningRules.PotassiumRaisingMedicineHighPotassium, raising.Prepend(potassium.Source), [knowledge.Threshold("potassium-raised").SourceId]));
        }
    }

    private const string PotassiumReview = KnowledgeBase.PotassiumReviewId;

    /// <summary>The medicine classes the knowledge base's potassium review names (its rule is the one list of them), read once.</summary>
    private readonly IReadOnlySet<string> _potassiumRaising = knowledge.MedicationClassesNamedBy(PotassiumReview);

    /// <summary>
    /// A PPI taken for a year or more: an active order now, and a PPI order (of any status: repeat prescriptions
    /// replace one another) at least a year old, or an active one with no date (the safer reading).
    /// </summary>
    private bool LongTermPpi(PatientContext p)
    {
        var orders = p.Record.Medications.Where(m => m.Classes.Contains(ProtonPumpInhibitor)).ToList();
        return orders.Any(m => m.Active && m.Source.Date is null) || orders.Any(m => m.Source.Date <= Today.AddDays(-LongTermPpiDays));
    }

    private static bool IsLow(PatientContext p, string analyte) => p.Result(analyte) is { } result && IsLow(result);

    /// <summary>Below the person's range: low, or critical on the low side.</summary>
    private static bool IsLow(LabResult result) =>
        result.Status == LabStatus.Low || (result.Status == LabStatus.Critical && result.Low is { } low && result.CanonicalValue < low);
}
