namespace Calfwise.Screening.Synth;

internal sealed partial class PatientGenerator
{
    /// <summary>Routine labs of situation patients stay older than this, so none hides or repeats the situation's result.</summary>
    private const int RoutineLabsQuietDays = Rates.YearDays + 35;

    /// <summary>
    /// Encounters with their claims, vital signs, smoking status, medication reconciliations and routine labs (basic
    /// metabolic panel and blood count, normal values): most of a real export's volume.
    /// </summary>
    private void Noise(ResourceWriter writer, SynthPatient patient)
    {
        var random = writer.Random;
        var realistic = options.Noise == NoiseLevel.Realistic;
        var years = Math.Max(1, Math.Min(patient.Age, realistic ? 10 : 3));
        var height = patient.IsFemale ? random.Between(152m, 176m) : random.Between(164m, 192m);
        var bmi = random.Between(19m, 36m);
        for (var year = 0; year < years; year++)
        {
            var visits = realistic ? random.Between(0, 3) : (year == 0 ? 2 : 0);
            for (var visit = 0; visit < visits; visit++)
            {
                var day = DaysAgo(random, patient, year * 365 + 1, year * 365 + 365);
                var kind = random.Chance(0.6) ? ClinicalCatalog.EncounterTypes[0] : random.Pick(ClinicalCatalog.EncounterTypes);
                Visit(writer, patient, kind, day, height, bmi + random.Between(-1m, 1m));
            }
        }
    }

    private void Visit(ResourceWriter writer, SynthPatient patient, (ProcedureCode Type, string Class) kind, DateOnly day, decimal height, decimal bmi)
    {
        var random = writer.Random;
        var start = writer.At(day);
        var encounter = writer.Encounter(patient, kind, start);
        writer.Claim(patient, encounter, kind.Type, start);
        var checkUp = kind == ClinicalCatalog.EncounterTypes[0];
        if (random.Chance(0.7))
        {
            var when = start.AddMinutes(5);
            writer.Vital(patient, VitalSign.HeartRate, random.Between(55, 100), when, encounter);
            writer.BloodPressure(patient, random.Between(105, 150), random.Between(62, 95), when, encounter);
            if (patient.IsAdult)
            {
                var weight = bmi * height * height / 10_000m;
                writer.Vital(patient, VitalSign.BodyHeight, height, when, encounter);
                writer.Vital(patient, VitalSign.BodyWeight, weight, when, encounter);
                writer.Vital(patient, VitalSign.Bmi, bmi, when, encounter);
            }
        }

        if (checkUp && patient.IsAdult)
        {
            writer.SmokingStatus(patient, random.Pick(VitalSign.SmokingAnswers), start.AddMinutes(10), encounter);
        }

        if (random.Chance(0.3))
        {
            writer.Procedure(patient, ClinicalCatalog.MedicationReconciliation, day, encounter);
        }

        var quiet = patient.Scenario != Scenario.None && patient.LastDay.DayNumber - day.DayNumber < RoutineLabsQuietDays;
        if (checkUp && patient.IsAdult && !quiet && random.Chance(0.5))
        {
            var when = start.AddMinutes(20);
            foreach (var analyte in RoutinePanel)
            {
                writer.Lab(patient, Labs, analyte, values.Normal(random, analyte, patient.Sex, patient.Age), when, encounter);
            }
        }
    }

    /// <summary>A basic metabolic panel and blood count, as most check-ups order.</summary>
    private static readonly string[] RoutinePanel = ["sodium", "potassium", "creatinine", "calcium", "hemoglobin", "mcv"];
}
