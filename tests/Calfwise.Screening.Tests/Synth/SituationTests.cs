using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using Calfwise.Screening.Synth;

namespace Calfwise.Screening.Tests.Synth;

/// <summary>
/// The screening situations occur in 2,000 patients, and each patient tagged with one really shows it when the files
/// are read back through the knowledge base (thresholds, ranges and critical limits from it, not from the generator).
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)] // 2,000 patients written and read back
public sealed class SituationTests(SynthExportFixture fixture) : IClassFixture<SynthExportFixture>
{
    private static readonly DateOnly AsOf = SynthExportFixture.AsOf;
    private static KnowledgeBase Knowledge => EmbeddedKnowledge.Instance;

    private Dictionary<string, PatientRecord> Patients => fixture.Patients;

    private static decimal Threshold(string id) => Knowledge.Threshold(id).Value;

    private static ReferenceRange Range(PatientRecord p, string analyte) =>
        Knowledge.AnalytesById[analyte].Ranges.Where(r => r.AppliesTo(p.Sex, p.AgeOn(AsOf), false, null)).OrderByDescending(r => r.Specificity).First();

    private static LabResult? Latest(PatientRecord p, string analyte, int withinDays = 365) =>
        p.Labs.Where(l => l.Analyte == analyte && l.Date > AsOf.AddDays(-withinDays)).OrderBy(l => l.Date).LastOrDefault();

    private static bool Taking(PatientRecord p, params string[] classes) => p.Medicines.Any(m => m.Status == "active" && m.Classes.Intersect(classes).Any());

    private static bool IsIron(Prescription m) => m.Atc.StartsWith("B03A", StringComparison.Ordinal);

    private static bool Rls(PatientRecord p) => p.Diagnoses.Contains("restless-legs");

    private static bool LowIronForRls(PatientRecord p) =>
        Latest(p, "ferritin")?.Canonical <= Threshold("ferritin-rls-iron") || Latest(p, "transferrin-saturation")?.Canonical < Threshold("tsat-rls-iron");

    private static bool Anaemic(PatientRecord p) =>
        (p.Sex == Sex.Male || p.AgeOn(AsOf) >= Rates.PostmenopausalFrom)
        && Latest(p, "hemoglobin")?.Canonical < Range(p, "hemoglobin").Low
        && Latest(p, "ferritin")?.Canonical < Threshold("ferritin-deficiency-anemia-aga");

    private static bool GiInvestigated(PatientRecord p) =>
        ClinicalCatalog.GiInvestigations.All(g => p.Procedures.Any(x => x.Snomed == g.Snomed && x.Date > Latest(p, "hemoglobin")!.Date));

    private static IEnumerable<(LabResult Lab, bool NormalAfter, bool AnyAfter)> CriticalValues(PatientRecord p) =>
        from lab in p.Labs
        where lab.Date > AsOf.AddDays(-Rates.CriticalWindowDays)
              && Knowledge.AnalytesById[lab.Analyte].Critical.Any(c => c.MarksCritical && c.IsCrossedBy(lab.Canonical, false))
        let later = p.Labs.Where(l => l.Analyte == lab.Analyte && l.Date > lab.Date).ToList()
        let range = Range(p, lab.Analyte)
        select (lab, later.Any(l => (range.Low is null || l.Canonical >= range.Low) && (range.High is null || l.Canonical <= range.High)), later.Count > 0);

    public static TheoryData<Scenario> Situations() => new(Enum.GetValues<Scenario>().Where(s => s != Scenario.None));

    [Theory]
    [MemberData(nameof(Situations))]
    public void Each_situation_occurs_and_every_patient_tagged_with_it_shows_it_in_the_data(Scenario scenario)
    {
        Func<PatientRecord, bool> shows = scenario switch
        {
            Scenario.RlsNoRecentFerritin => p => Rls(p) && Latest(p, "ferritin") is null,
            Scenario.RlsIronReplete => p => Rls(p) && Latest(p, "ferritin")?.Canonical > Threshold("ferritin-rls-iron") && Latest(p, "transferrin-saturation")?.Canonical >= Threshold("tsat-rls-iron"),
            Scenario.RlsIronLowUntreated => p => Rls(p) && LowIronForRls(p) && !p.Medicines.Any(IsIron),
            Scenario.RlsIronLowTreated => p => Rls(p) && LowIronForRls(p) && p.Medicines.Any(m => IsIron(m) && m.AuthoredOn > Latest(p, "ferritin")!.Date),
            Scenario.RlsAgonistFerritinUnknown => p => Rls(p) && Taking(p, "dopamine-agonist") && Latest(p, "ferritin") is null,
            Scenario.RlsAgonistFerritinLow => p => Rls(p) && Taking(p, "dopamine-agonist") && Latest(p, "ferritin")?.Canonical <= Threshold("ferritin-rls-iron"),
            Scenario.IronDeficiencyAnaemiaNoGi => p => Anaemic(p) && p.Procedures.All(x => ClinicalCatalog.GiInvestigations.All(g => g.Snomed != x.Snomed)),
            Scenario.IronDeficiencyAnaemiaGiDone => p => Anaemic(p) && GiInvestigated(p),
            Scenario.DiureticLowPotassium => p => Taking(p, "loop-diuretic", "thiazide-diuretic") && Latest(p, "potassium")?.Canonical < Range(p, "potassium").Low,
            Scenario.PpiLowMagnesium => p => Taking(p, "proton-pump-inhibitor") && Latest(p, "magnesium")?.Canonical < Range(p, "magnesium").Low,
            Scenario.RaisingMedicineHighPotassium => p => Taking(p, [.. ClinicalCatalog.PotassiumRaising]) && Latest(p, "potassium")?.Canonical >= Threshold("potassium-raised"),
            Scenario.CriticalNotRepeated => p => CriticalValues(p).Any(c => !c.AnyAfter),
            Scenario.CriticalThenNormal => p => CriticalValues(p).Any(c => c.NormalAfter),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var tagged = Patients.Values.Where(p => p.Tag == scenario.Code()).ToList();

        Assert.NotEmpty(tagged);
        Assert.All(tagged, p => Assert.True(shows(p), $"Patient/{p.Id} is tagged {scenario.Code()} but its data does not show it"));
    }

    [Fact]
    public void Untagged_patients_hold_no_restless_legs_and_no_recent_critical_value()
    {
        var untagged = Patients.Values.Where(p => p.Tag is null).ToList();

        Assert.True(untagged.Count > 1500, $"{untagged.Count} untagged patients");
        Assert.DoesNotContain(untagged, p => Rls(p) || CriticalValues(p).Any());
    }

    [Fact]
    public void Rates_keep_the_usual_order_restless_legs_a_few_percent_and_iron_deficiency_commoner_in_younger_women()
    {
        var all = Patients.Values.ToList();
        double Share(IEnumerable<PatientRecord> group, Func<PatientRecord, bool> has) => group.Count(has) / (double)group.Count();

        var rls = Share(all, Rls);
        var youngWomen = all.Where(p => p.Sex == Sex.Female && p.AgeOn(AsOf) is >= 18 and < 50);
        var men = all.Where(p => p.Sex == Sex.Male && p.AgeOn(AsOf) >= 18);

        Assert.InRange(rls, 0.01, 0.10);
        Assert.True(Share(youngWomen, p => p.Diagnoses.Contains("iron-deficiency")) > Share(men, p => p.Diagnoses.Contains("iron-deficiency")));
    }
}
