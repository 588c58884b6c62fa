namespace Calfwise.Testing.Screening;

/// <summary>
/// Hand-labelled patients for the screening rules: for each rule, patients it must find and patients just outside it
/// (a day, a unit, a status or a threshold away). The labels come from the rules as docs/screening.md states them and
/// from the guidelines' numbers (AASM 2024: ferritin at most 75 ng/mL or TSAT below 20%; WHO 2024 haemoglobin; AGA 2020
/// ferritin below 45 with anaemia; UKKA 2023 potassium 5.5 and 6.5; the knowledge base's critical limits), not from
/// what the code happens to output.
/// </summary>
public static class Scenarios
{
    public const string Rls = "rls-iron-not-checked";
    public const string RlsLow = "rls-iron-low-untreated";
    public const string Agonist = "rls-dopamine-agonist-iron";
    public const string Ida = "ida-no-gi-investigation";
    public const string Salt = "salt-lowering-medicine-low-salt";
    public const string Potassium = "potassium-raising-medicine-high-potassium";
    public const string Critical = "critical-lab-unresolved";

    private const string Ferritin = "2276-4", FerritinImmunoassay = "20567-4", Tsat = "2502-3", Hb = "718-7";
    private const string K = "2823-3", KBlood = "6298-4", Mg = "2601-3", MgMass = "19123-9", Na = "2951-2", NaBlood = "2947-0", Ca = "2000-8";
    private const string RlsSnomed = "32914008", RlsIcd = "G25.81";
    private const string Ropinirole = "N04BC04", Pramipexole = "N04BC05", Rotigotine = "N04BC09";
    private const string Furosemide = "C03CA01", Bendroflumethiazide = "C03AA01", Omeprazole = "A02BC01", Ramipril = "C09AA05", Spironolactone = "C03DA01", FerrousSulfate = "B03AA07";
    private const string Colonoscopy = "73761001";

    /// <summary>A scenario writes one patient's resources and returns the rows screening must give (rule ids, one per expected row).</summary>
    public delegate string[] Scenario(ExportWriter x, string p, int variant);

    private static string Sex(int variant) => variant % 2 == 0 ? "female" : "male";

    private static int Adult(int variant) => 25 + (variant * 11);

    private static void RlsOn(ExportWriter x, string p, int variant) =>
        x.Condition(p, variant % 2 == 0 ? ExportWriter.Snomed : ExportWriter.Icd10Cm, variant % 2 == 0 ? RlsSnomed : RlsIcd, 800);

    public static IReadOnlyList<(string Name, Scenario Write)> All { get; } =
    [
        // Restless legs, ferritin not checked in the last year.
        ("rls, no ferritin ever", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); return [Rls]; }),
        ("rls, ferritin 400 days ago", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, Ferritin, 200, "ng/mL", 400); return [Rls]; }),
        ("rls, ferritin 364 days ago and high", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, Ferritin, 200, "ng/mL", 364); return []; }),
        ("rls, ferritin 365 days ago and high (the window's first day)", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, Ferritin, 200, "ng/mL", 365); return []; }),
        ("rls, ferritin 366 days ago and high (a day before the window)", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, Ferritin, 200, "ng/mL", 366); return [Rls]; }),
        ("rls resolved, no ferritin", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); x.Condition(p, ExportWriter.Snomed, RlsSnomed, 800, "resolved"); return []; }),
        ("no rls, no ferritin", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); x.Lab(p, K, 4.1m, "mmol/L", 50); return []; }),
        ("rls, deceased", (x, p, v) => { x.Patient(p, Sex(v), Adult(v), deceased: true); RlsOn(x, p, v); return []; }),
        ("rls, no gender", (x, p, v) => { x.Patient(p, null, Adult(v)); RlsOn(x, p, v); return []; }),

        // Restless legs, iron low and untreated.
        ("rls, ferritin 60", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, Ferritin, 60, "ng/mL", 100); return [RlsLow]; }),
        ("rls, ferritin 75 ug/L (at the threshold)", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, FerritinImmunoassay, 75, "ug/L", 100); return [RlsLow]; }),
        ("rls, ferritin 76, TSAT 25", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, Ferritin, 76, "ng/mL", 100); x.Lab(p, Tsat, 25, "%", 100); return []; }),
        ("rls, ferritin 150, TSAT 15", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, Ferritin, 150, "ng/mL", 90); x.Lab(p, Tsat, 15, "%", 90); return [RlsLow]; }),
        ("rls, ferritin 150, TSAT 20", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, Ferritin, 150, "ng/mL", 90); x.Lab(p, Tsat, 20, "%", 90); return []; }),
        ("rls, ferritin 60, iron after", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, Ferritin, 60, "ng/mL", 100); x.Medication(p, FerrousSulfate, "Ferrous sulfate 200 mg", 80, "completed"); return []; }),
        ("rls, ferritin 60, iron before", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, Ferritin, 60, "ng/mL", 100); x.Medication(p, FerrousSulfate, "Ferrous sulfate 200 mg", 300, "completed"); return [RlsLow]; }),
        ("rls, ferritin 60 entered in error", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Lab(p, Ferritin, 60, "ng/mL", 100, "entered-in-error"); return [Rls]; }),

        // Restless legs on a dopamine agonist while iron is unknown or low.
        ("rls, ropinirole, no ferritin", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Medication(p, Ropinirole, "Ropinirole 0.25 mg", 200); return [Rls, Agonist]; }),
        ("rls, pramipexole, ferritin 50", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Medication(p, Pramipexole, "Pramipexole 88 micrograms", 200); x.Lab(p, Ferritin, 50, "ng/mL", 30); return [RlsLow, Agonist]; }),
        ("rls, rotigotine, ferritin 200", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Medication(p, Rotigotine, "Rotigotine patch", 200); x.Lab(p, Ferritin, 200, "ng/mL", 30); return []; }),
        ("rls, pramipexole stopped, no ferritin", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); RlsOn(x, p, v); x.Medication(p, Pramipexole, "Pramipexole", 200, "stopped"); return [Rls]; }),
        ("no rls, pramipexole, no ferritin", (x, p, v) => { x.Patient(p, Sex(v), Adult(v) + 20); x.Medication(p, Pramipexole, "Pramipexole", 200); return []; }),

        // Iron deficiency anaemia in a man or a postmenopausal woman without a GI investigation.
        ("man, Hb 11, ferritin 10", (x, p, v) => { x.Patient(p, "male", 40 + v * 8); x.Lab(p, Hb, 11.0m, "g/dL", 20); x.Lab(p, Ferritin, 10, "ng/mL", 20); return [Ida]; }),
        ("man, Hb 110 g/L, ferritin 44", (x, p, v) => { x.Patient(p, "male", 40 + v * 8); x.Lab(p, Hb, 110, "g/L", 20); x.Lab(p, Ferritin, 44, "ng/mL", 20); return [Ida]; }),
        ("woman 62, Hb 10.5, ferritin 20", (x, p, v) => { x.Patient(p, "female", 62 + v); x.Lab(p, Hb, 10.5m, "g/dL", 20); x.Lab(p, Ferritin, 20, "ng/mL", 20); return [Ida]; }),
        ("man, IDA, colonoscopy done", (x, p, v) => { x.Patient(p, "male", 50 + v); x.Lab(p, Hb, 11.0m, "g/dL", 20); x.Lab(p, Ferritin, 10, "ng/mL", 20); x.Procedure(p, Colonoscopy, 10); return []; }),
        ("man, IDA, colonoscopy not done", (x, p, v) => { x.Patient(p, "male", 50 + v); x.Lab(p, Hb, 11.0m, "g/dL", 20); x.Lab(p, Ferritin, 10, "ng/mL", 20); x.Procedure(p, Colonoscopy, 10, "not-done"); return [Ida]; }),
        ("woman 30, Hb 10.5, ferritin 10", (x, p, v) => { x.Patient(p, "female", 30 + v); x.Lab(p, Hb, 10.5m, "g/dL", 20); x.Lab(p, Ferritin, 10, "ng/mL", 20); return []; }),
        ("man, Hb 13.5, ferritin 10", (x, p, v) => { x.Patient(p, "male", 40 + v); x.Lab(p, Hb, 13.5m, "g/dL", 20); x.Lab(p, Ferritin, 10, "ng/mL", 20); return []; }),
        ("man, Hb 11, ferritin 45", (x, p, v) => { x.Patient(p, "male", 40 + v); x.Lab(p, Hb, 11.0m, "g/dL", 20); x.Lab(p, Ferritin, 45, "ng/mL", 20); return []; }),
        ("boy 14, Hb 10, ferritin 8", (x, p, v) => { x.Patient(p, "male", 10 + v); x.Lab(p, Hb, 10.0m, "g/dL", 20); x.Lab(p, Ferritin, 8, "ng/mL", 20); return []; }),

        // Salt-lowering medicines with a low salt.
        ("furosemide, K 3.2", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Furosemide, "Furosemide 40 mg", 400); x.Lab(p, v % 2 == 0 ? K : KBlood, 3.2m, "mmol/L", 40); return [Salt]; }),
        ("bendroflumethiazide, Mg 1.4 mg/dL", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Bendroflumethiazide, "Bendroflumethiazide 2.5 mg", 400); x.Lab(p, MgMass, 1.4m, "mg/dL", 40); return [Salt]; }),
        ("omeprazole for 2 years, Mg 0.6", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Omeprazole, "Omeprazole 20 mg", 730); x.Lab(p, Mg, 0.6m, "mmol/L", 40); return [Salt]; }),
        ("omeprazole repeat order 2 months ago, first 2 years ago, Mg 0.6", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Omeprazole, "Omeprazole 20 mg", 730, "completed"); x.Medication(p, Omeprazole, "Omeprazole 20 mg", 60); x.Lab(p, Mg, 0.6m, "mmol/L", 40); return [Salt]; }),
        ("omeprazole stopped, first 2 years ago, Mg 0.6", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Omeprazole, "Omeprazole 20 mg", 730, "stopped"); x.Lab(p, Mg, 0.6m, "mmol/L", 40); return []; }),
        ("omeprazole for 2 months, Mg 0.6", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Omeprazole, "Omeprazole 20 mg", 60); x.Lab(p, Mg, 0.6m, "mmol/L", 40); return []; }),
        ("furosemide, K 3.8", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Furosemide, "Furosemide 40 mg", 400); x.Lab(p, K, 3.8m, "mmol/L", 40); return []; }),
        ("furosemide stopped, K 3.2", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Furosemide, "Furosemide 40 mg", 400, "stopped"); x.Lab(p, K, 3.2m, "mmol/L", 40); return []; }),
        ("furosemide, K 2.8 sixty days ago", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Furosemide, "Furosemide 40 mg", 400); x.Lab(p, K, 2.8m, "mmol/L", 60); return [Salt]; }),

        // Potassium-raising medicines with potassium at or above 5.5.
        ("ramipril, K 5.7", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Ramipril, "Ramipril 5 mg", 400); x.Lab(p, K, 5.7m, "mmol/L", 40); return [Potassium]; }),
        ("spironolactone, K 5.5", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Spironolactone, "Spironolactone 25 mg", 400); x.Lab(p, K, 5.5m, "mmol/L", 40); return [Potassium]; }),
        ("ramipril, K 5.4", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Medication(p, Ramipril, "Ramipril 5 mg", 400); x.Lab(p, K, 5.4m, "mmol/L", 40); return []; }),
        ("no medicine, K 5.7", (x, p, v) => { x.Patient(p, Sex(v), 60 + v); x.Lab(p, K, 5.7m, "mmol/L", 40); return []; }),

        // Critical values in the last 30 days with no later normal result.
        ("K 6.6 ten days ago", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); x.Lab(p, K, 6.6m, "mmol/L", 10); return [Critical]; }),
        ("K 6.6 today", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); x.Lab(p, K, 6.6m, "mmol/L", 0); return [Critical]; }),
        ("K 6.6 dated tomorrow (after the day of screening)", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); x.Lab(p, K, 6.6m, "mmol/L", -1); return []; }),
        ("K 6.6 then 4.2", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); x.Lab(p, K, 6.6m, "mmol/L", 10); x.Lab(p, K, 4.2m, "mmol/L", 5); return []; }),
        ("K 6.6 then 5.8", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); x.Lab(p, K, 6.6m, "mmol/L", 10); x.Lab(p, K, 5.8m, "mmol/L", 5); return [Critical]; }),
        ("K 6.6 forty days ago", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); x.Lab(p, K, 6.6m, "mmol/L", 40); return []; }),
        ("Na 118 (blood) and Ca 3.6", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); x.Lab(p, NaBlood, 118, "mmol/L", 3); x.Lab(p, Ca, 3.6m, "mmol/L", 3); return [Critical, Critical]; }),
        ("Na 130", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); x.Lab(p, Na, 130, "mmol/L", 3); return []; }),
        ("K 6.6 entered in error", (x, p, v) => { x.Patient(p, Sex(v), Adult(v)); x.Lab(p, K, 6.6m, "mmol/L", 3, "entered-in-error"); return []; }),
    ];
}
