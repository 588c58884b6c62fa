namespace Calfwise.Screening.Synth;

internal sealed partial class PatientGenerator
{
    /// <summary>At most one situation per living patient, by the rates and who can have it.</summary>
    private static Scenario ChooseScenario(SynthRandom random, SynthPatient patient)
    {
        if (!patient.IsAdult)
        {
            return Scenario.None;
        }

        if (random.Chance(Rates.RestlessLegs))
        {
            if (random.Chance(Rates.OnDopamineAgonistOfRestlessLegs))
            {
                return random.Chance(0.5) ? Scenario.RlsAgonistFerritinUnknown : Scenario.RlsAgonistFerritinLow;
            }

            return random.Pick([Scenario.RlsNoRecentFerritin, Scenario.RlsIronReplete, Scenario.RlsIronLowUntreated, Scenario.RlsIronLowTreated]);
        }

        var menOrPostmenopausal = !patient.IsFemale || patient.Age >= Rates.PostmenopausalFrom;
        if (menOrPostmenopausal && random.Chance(Rates.IronDeficiencyAnaemiaOlder))
        {
            return random.Chance(Rates.GiInvestigatedOfAnaemia) ? Scenario.IronDeficiencyAnaemiaGiDone : Scenario.IronDeficiencyAnaemiaNoGi;
        }

        var older = patient.Age >= Rates.OlderAdultFrom;
        return older && random.Chance(Rates.DiureticLowPotassium) ? Scenario.DiureticLowPotassium
            : random.Chance(Rates.PpiLowMagnesium) ? Scenario.PpiLowMagnesium
            : older && random.Chance(Rates.RaisingMedicineHighPotassium) ? Scenario.RaisingMedicineHighPotassium
            : random.Chance(Rates.CriticalRecent) ? (random.Chance(0.5) ? Scenario.CriticalNotRepeated : Scenario.CriticalThenNormal)
            : Scenario.None;
    }

    private void WriteScenario(ResourceWriter writer, SynthPatient patient)
    {
        switch (patient.Scenario)
        {
            case Scenario.None:
                return;
            case Scenario.RlsNoRecentFerritin or Scenario.RlsIronReplete or Scenario.RlsIronLowUntreated or Scenario.RlsIronLowTreated
                or Scenario.RlsAgonistFerritinUnknown or Scenario.RlsAgonistFerritinLow:
                RestlessLegs(writer, patient);
                return;
            case Scenario.IronDeficiencyAnaemiaNoGi or Scenario.IronDeficiencyAnaemiaGiDone:
                IronDeficiencyAnaemia(writer, patient);
                return;
            case Scenario.CriticalNotRepeated or Scenario.CriticalThenNormal:
                CriticalValue(writer, patient);
                return;
            default:
                MedicineAndSalt(writer, patient);
                return;
        }
    }

    private void RestlessLegs(ResourceWriter writer, SynthPatient patient)
    {
        var random = writer.Random;
        var scenario = patient.Scenario;
        var onset = DaysAgo(random, patient, 400, 10 * 365);
        writer.Condition(patient, clinical.Diagnosis("restless-legs"), onset);
        if (scenario is Scenario.RlsAgonistFerritinUnknown or Scenario.RlsAgonistFerritinLow)
        {
            writer.MedicationRequest(patient, random.Pick(clinical.Medicines("dopamine-agonist")), onset.AddDays(random.Between(14, 300)));
        }

        var recent = DaysAgo(random, patient, 20, Rates.YearDays - 30);
        var ironLine = Labs.Threshold("ferritin-rls-iron");
        var ivLine = Labs.Threshold("ferritin-rls-iv-max");
        var tsatLine = Labs.Threshold("tsat-rls-iron");
        var normalTsat = Math.Max(values.Normal(random, "transferrin-saturation", patient.Sex, patient.Age), tsatLine * 1.1m);
        switch (scenario)
        {
            case Scenario.RlsNoRecentFerritin or Scenario.RlsAgonistFerritinUnknown when random.Chance(0.5):
                // An old result only: more than a year ago.
                IronPanel(writer, patient, random.Between(ivLine * 1.1m, ivLine * 2m), normalTsat, DaysAgo(random, patient, Rates.YearDays + 30, 4 * 365));
                break;
            case Scenario.RlsIronReplete:
                IronPanel(writer, patient, random.Between(ivLine * 1.1m, ivLine * 2m), normalTsat, recent);
                break;
            case Scenario.RlsIronLowUntreated or Scenario.RlsIronLowTreated or Scenario.RlsAgonistFerritinLow:
                // Low ferritin (at or below the RLS line), or ferritin between the lines with a low TSAT.
                var lowFerritin = random.Chance(0.7);
                var ferritin = lowFerritin ? LabValues.Under(random, ironLine, 0.2m, 0.95m) : random.Between(ironLine * 1.05m, ivLine * 0.95m);
                var tsat = lowFerritin && random.Chance(0.5) ? normalTsat : LabValues.Under(random, tsatLine, 0.4m, 0.9m);
                IronPanel(writer, patient, ferritin, tsat, recent);
                if (scenario == Scenario.RlsIronLowTreated)
                {
                    var iron = random.Pick(ClinicalCatalog.Iron);
                    var start = recent.AddDays(random.Between(3, 15));
                    writer.MedicationRequest(patient, iron, start, iron == ClinicalCatalog.Iron[0] ? "active" : "completed");
                }

                break;
            default:
                break;
        }
    }

    private void IronDeficiencyAnaemia(ResourceWriter writer, SynthPatient patient)
    {
        var random = writer.Random;
        var day = DaysAgo(random, patient, 60, 200);
        var cutOff = Labs.Range("hemoglobin", patient.Sex, patient.Age).Low!.Value;
        var hb = random.Between(Math.Max(cutOff * 0.75m, Labs.Threshold("hb-severe") * 1.05m), cutOff * 0.95m);
        var ferritin = LabValues.Under(random, Labs.Threshold("ferritin-deficiency-anemia-aga"), 0.15m, 0.9m);
        var when = writer.At(day);
        writer.Lab(patient, Labs, "hemoglobin", hb, when);
        writer.Lab(patient, Labs, "mcv", LabValues.Under(random, Labs.Threshold("mcv-microcytosis"), 0.85m, 0.97m), when);
        IronPanel(writer, patient, ferritin, LabValues.Under(random, Labs.Threshold("tsat-rls-iron"), 0.3m, 0.8m), day);
        writer.Condition(patient, clinical.Diagnosis("iron-deficiency"), day, variant: 1);
        writer.MedicationRequest(patient, ClinicalCatalog.Iron[0], day.AddDays(random.Between(1, 10)));
        if (patient.Scenario == Scenario.IronDeficiencyAnaemiaGiDone)
        {
            foreach (var procedure in ClinicalCatalog.GiInvestigations)
            {
                writer.Procedure(patient, procedure, day.AddDays(random.Between(14, 50)));
            }
        }
    }

    private void MedicineAndSalt(ResourceWriter writer, SynthPatient patient)
    {
        var random = writer.Random;
        var (classes, analyte) = patient.Scenario switch
        {
            Scenario.DiureticLowPotassium => ((IReadOnlyList<string>)["loop-diuretic", "thiazide-diuretic"], "potassium"),
            Scenario.PpiLowMagnesium => (["proton-pump-inhibitor"], "magnesium"),
            _ => (ClinicalCatalog.PotassiumRaising, "potassium"),
        };
        writer.MedicationRequest(patient, random.Pick(clinical.Medicines(random.Pick(classes))), DaysAgo(random, patient, 200, 6 * 365));
        var value = patient.Scenario == Scenario.RaisingMedicineHighPotassium
            ? values.RaisedFrom(random, analyte, Labs.Threshold("potassium-raised"))
            : values.MildlyLow(random, analyte, patient.Sex, patient.Age);
        writer.Lab(patient, Labs, analyte, value, writer.At(DaysAgo(random, patient, 5, 150)));
    }

    private void CriticalValue(ResourceWriter writer, SynthPatient patient)
    {
        var random = writer.Random;
        var analyte = random.Pick(Labs.CriticalAnalytes());
        var limit = random.Pick(Labs.CriticalLimits(analyte).ToList());
        var daysAgo = random.Between(10, Rates.CriticalWindowDays - 2);
        writer.Lab(patient, Labs, analyte, values.Critical(random, analyte, limit), writer.At(patient.LastDay.AddDays(-daysAgo)));
        if (patient.Scenario == Scenario.CriticalThenNormal)
        {
            var later = patient.LastDay.AddDays(-random.Between(1, daysAgo - 2));
            writer.Lab(patient, Labs, analyte, values.Normal(random, analyte, patient.Sex, patient.Age), writer.At(later));
        }
    }
}
