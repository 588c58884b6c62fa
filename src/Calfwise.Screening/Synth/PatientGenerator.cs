using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Synth;

/// <summary>
/// Makes one patient at a time and writes their resources straight to the chunk's files: the person, background
/// conditions and medicines, at most one screening situation (<see cref="Scenario"/>) and the noise around them.
/// </summary>
internal sealed partial class PatientGenerator(LabValues values, ClinicalCatalog clinical, SynthOptions options)
{
    private LabCatalog Labs => values.Labs;

    /// <summary>Writes patient number <paramref name="index"/> (0-based, over the whole export).</summary>
    public Scenario Generate(ChunkFiles files, long index)
    {
        var random = new SynthRandom(options.Seed, index);
        var patient = Person(random);
        patient.Scenario = patient.DeathDate is null ? ChooseScenario(random, patient) : Scenario.None;
        var writer = new ResourceWriter(files, random);
        writer.Patient(patient);
        Background(writer, patient);
        WriteScenario(writer, patient);
        Noise(writer, patient);
        return patient.Scenario;
    }

    private SynthPatient Person(SynthRandom random)
    {
        var id = random.NewId();
        var sex = random.Chance(Rates.Female) ? Sex.Female : Sex.Male;
        var birth = options.AsOf.AddDays(-random.Between(0, Rates.MaxAge * 365));
        DateOnly? death = random.Chance(Rates.Deceased) ? options.AsOf.AddDays(-random.Between(30, 5 * 365)) : null;
        if (death < birth)
        {
            death = null;
        }

        var last = death ?? options.AsOf;
        return new SynthPatient
        {
            Id = id,
            Sex = sex,
            BirthDate = birth,
            Age = AgeOn(birth, last),
            DeathDate = death,
            LastDay = last,
            LabStyle = random.Between(0, 999),
        };
    }

    private static int AgeOn(DateOnly birth, DateOnly day) =>
        day.Year - birth.Year - (day.DayOfYear < birth.DayOfYear ? 1 : 0);

    /// <summary>A day between <paramref name="fromDaysAgo"/> and <paramref name="toDaysAgo"/> before the record's last day, never before birth.</summary>
    private static DateOnly DaysAgo(SynthRandom random, SynthPatient patient, int fromDaysAgo, int toDaysAgo)
    {
        var day = patient.LastDay.AddDays(-random.Between(Math.Min(fromDaysAgo, toDaysAgo), Math.Max(fromDaysAgo, toDaysAgo)));
        return day < patient.BirthDate ? patient.BirthDate : day;
    }

    /// <summary>Background conditions and medicines by the rates, leaving out what would blur a situation.</summary>
    private void Background(ResourceWriter writer, SynthPatient patient)
    {
        var random = writer.Random;
        if (!patient.IsAdult)
        {
            return;
        }

        void Maybe(double rate, string diagnosis, bool resolvable = false)
        {
            if (random.Chance(rate))
            {
                var onset = DaysAgo(random, patient, 60, 15 * 365);
                var resolved = resolvable && random.Chance(Rates.ResolvedShare) ? onset.AddDays(random.Between(30, 365)) : (DateOnly?)null;
                writer.Condition(patient, clinical.Diagnosis(diagnosis), onset, resolved > patient.LastDay ? null : resolved, random.Between(0, 9));
            }
        }

        Maybe(Rates.Diabetes, "diabetes");
        Maybe(Rates.KidneyDisease, "chronic-kidney-disease");
        Maybe(Rates.PreviousClot, "previous-dvt");
        Maybe(Rates.Cancer, "active-cancer", resolvable: true);
        Maybe(Rates.Smoker, "smoker", resolvable: true);
        Maybe(Rates.ThyroidDisease, "thyroid-dysfunction");
        Maybe(Rates.SleepApnoea, "obstructive-sleep-apnoea", resolvable: true);
        if (patient.Scenario != Scenario.None)
        {
            return;
        }

        if (patient.IsFemale && patient.Age < 45 && random.Chance(Rates.PregnantOfWomen18To45))
        {
            writer.Condition(patient, clinical.Diagnosis("pregnant"), DaysAgo(random, patient, 20, 200), variant: random.Between(0, 9));
        }

        var menstruating = patient.IsFemale && patient.Age < Rates.MenstruatingUntil;
        if (random.Chance(menstruating ? Rates.IronDeficiencyMenstruating : Rates.IronDeficiencyOthers))
        {
            BackgroundIronDeficiency(writer, patient);
        }

        BackgroundMedicines(writer, patient);
    }

    private void BackgroundIronDeficiency(ResourceWriter writer, SynthPatient patient)
    {
        var random = writer.Random;
        var day = DaysAgo(random, patient, 20, 700);
        var ferritin = LabValues.Under(random, Labs.Threshold("ferritin-deficiency"), 0.3m, 0.95m);
        IronPanel(writer, patient, ferritin, values.Normal(random, "transferrin-saturation", patient.Sex, patient.Age), day);
        writer.Lab(patient, Labs, "hemoglobin", values.Normal(random, "hemoglobin", patient.Sex, patient.Age), writer.At(day));
        var treated = random.Chance(0.5);
        var resolved = day.AddDays(random.Between(90, 300));
        writer.Condition(patient, clinical.Diagnosis("iron-deficiency"), day, treated && resolved <= patient.LastDay ? resolved : null);
        if (treated)
        {
            writer.MedicationRequest(patient, ClinicalCatalog.Iron[0], day, "completed");
        }
    }

    private void BackgroundMedicines(ResourceWriter writer, SynthPatient patient)
    {
        var random = writer.Random;
        void Maybe(double rate, params string[] classes)
        {
            if (random.Chance(rate))
            {
                var medicine = random.Pick(clinical.Medicines(random.Pick(classes)));
                writer.MedicationRequest(patient, medicine, DaysAgo(random, patient, 30, 8 * 365), random.Chance(0.8) ? "active" : "stopped");
            }
        }

        var older = patient.Age >= Rates.OlderAdultFrom;
        Maybe(older ? Rates.Statin : Rates.Statin / 4, "statin");
        Maybe(older ? Rates.AceInhibitorOrArb : Rates.AceInhibitorOrArb / 4, "ace-inhibitor", "arb");
        Maybe(Rates.ProtonPumpInhibitor, "proton-pump-inhibitor");
        Maybe(older ? Rates.Diuretic : Rates.Diuretic / 4, "loop-diuretic", "thiazide-diuretic", "calcium-channel-blocker");
        Maybe(Rates.Antidepressant, "ssri");
    }

    /// <summary>Ferritin, TSAT, serum iron and TIBC of one draw, consistent with each other (iron = TSAT x TIBC).</summary>
    private void IronPanel(ResourceWriter writer, SynthPatient patient, decimal? ferritin, decimal tsat, DateOnly day)
    {
        var when = writer.At(day);
        if (ferritin is { } value)
        {
            writer.Lab(patient, Labs, "ferritin", value, when);
        }

        var tibc = values.Normal(writer.Random, "tibc", patient.Sex, patient.Age);
        writer.Lab(patient, Labs, "transferrin-saturation", tsat, when);
        writer.Lab(patient, Labs, "tibc", tibc, when);
        writer.Lab(patient, Labs, "iron", tsat / 100m * tibc, when);
    }
}
