using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Synth;

/// <summary>A diagnosis as written: SNOMED CT and ICD-10-CM codes the knowledge base binds to one item, and its name.</summary>
internal sealed record DiagnosisCode(string ItemId, IReadOnlyList<string> Snomed, IReadOnlyList<string> Icd10Cm, string Text);

/// <summary>A medicine as prescribed: a substance-level ATC code, its name, and the knowledge's class (null for iron).</summary>
internal sealed record Medicine(string? ClassId, string Name, string Atc);

/// <summary>A procedure by SNOMED CT code.</summary>
internal sealed record ProcedureCode(string Snomed, string Display);

/// <summary>
/// The coded clinical content: diagnoses from knowledge/codes.yaml, medicines by ATC substance code (each checked at
/// start-up to fall under the knowledge base's binding of its class), procedures and encounter types.
/// </summary>
internal sealed class ClinicalCatalog
{
    /// <summary>
    /// Substances by class. The knowledge base binds classes (C03C); prescriptions name a substance (C03CA01), so each
    /// substance's code is listed here and checked against the class binding when the catalog is built.
    /// </summary>
    private static readonly (string Class, string Name, string Atc)[] Substances =
    [
        ("loop-diuretic", "furosemide", "C03CA01"), ("loop-diuretic", "bumetanide", "C03CA02"), ("loop-diuretic", "torasemide", "C03CA04"),
        ("thiazide-diuretic", "bendroflumethiazide", "C03AA01"), ("thiazide-diuretic", "hydrochlorothiazide", "C03AA03"),
        ("thiazide-diuretic", "indapamide", "C03BA11"), ("thiazide-diuretic", "chlortalidone", "C03BA04"),
        ("proton-pump-inhibitor", "omeprazole", "A02BC01"), ("proton-pump-inhibitor", "pantoprazole", "A02BC02"),
        ("proton-pump-inhibitor", "lansoprazole", "A02BC03"), ("proton-pump-inhibitor", "esomeprazole", "A02BC05"),
        ("dopamine-agonist", "ropinirole", "N04BC04"), ("dopamine-agonist", "pramipexole", "N04BC05"), ("dopamine-agonist", "rotigotine", "N04BC09"),
        ("ace-inhibitor", "enalapril", "C09AA02"), ("ace-inhibitor", "lisinopril", "C09AA03"), ("ace-inhibitor", "ramipril", "C09AA05"),
        ("arb", "losartan", "C09CA01"), ("arb", "valsartan", "C09CA03"), ("arb", "candesartan", "C09CA06"),
        ("potassium-sparing-diuretic", "spironolactone", "C03DA01"), ("potassium-sparing-diuretic", "eplerenone", "C03DA04"),
        ("potassium-sparing-diuretic", "amiloride", "C03DB01"),
        ("trimethoprim", "trimethoprim", "J01EA01"),
        ("potassium-supplement", "potassium chloride", "A12BA01"),
        ("statin", "simvastatin", "C10AA01"), ("statin", "atorvastatin", "C10AA05"), ("statin", "rosuvastatin", "C10AA07"),
        ("ssri", "fluoxetine", "N06AB03"), ("ssri", "citalopram", "N06AB04"), ("ssri", "sertraline", "N06AB06"),
        ("calcium-channel-blocker", "amlodipine", "C08CA01"),
    ];

    /// <summary>The classes whose medicines can raise potassium (those of the knowledge's medicine review for it).</summary>
    public static readonly IReadOnlyList<string> PotassiumRaising = ["ace-inhibitor", "arb", "potassium-sparing-diuretic", "trimethoprim", "potassium-supplement"];

    /// <summary>
    /// Oral and intravenous iron (ATC B03A). The knowledge base binds no iron class yet, so these are the one place
    /// iron is coded: ferrous sulfate B03AA07 (oral bivalent iron) and saccharated iron oxide, iron sucrose, B03AC02
    /// (parenteral), both checked against the WHO ATC index and national drug lists.
    /// </summary>
    public static readonly IReadOnlyList<Medicine> Iron = [new(null, "ferrous sulfate", "B03AA07"), new(null, "iron sucrose", "B03AC02")];

    /// <summary>Colonoscopy (73761001) and upper gastrointestinal endoscopy (1919006), SNOMED CT codes checked with
    /// public terminology references (the latter maps to ACHI 'panendoscopy to duodenum').</summary>
    public static readonly IReadOnlyList<ProcedureCode> GiInvestigations = [new("73761001", "Colonoscopy"), new("1919006", "Upper gastrointestinal endoscopy")];

    /// <summary>Routine procedures of the noise (Synthea records one at most visits).</summary>
    public static readonly ProcedureCode MedicationReconciliation = new("430193006", "Medication reconciliation");

    /// <summary>Encounter types (SNOMED CT) with their v3 ActCode class: check-ups, problem visits, emergencies.</summary>
    public static readonly IReadOnlyList<(ProcedureCode Type, string Class)> EncounterTypes =
    [
        (new("185349003", "Encounter for check up"), "AMB"),
        (new("185347001", "Encounter for problem"), "AMB"),
        (new("50849002", "Emergency room admission"), "EMER"),
    ];

    private readonly Dictionary<string, IReadOnlyList<Medicine>> _byClass;
    private readonly Dictionary<string, DiagnosisCode> _diagnoses = new(StringComparer.Ordinal);

    public ClinicalCatalog(KnowledgeBase knowledge)
    {
        foreach (var (cls, name, atc) in Substances)
        {
            if (!knowledge.Codes.MedicationClassesByAtc(atc).Any(c => c.Id == cls) || !knowledge.MedicationClassesById[cls].Drugs.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{name} ({atc}) is not a {cls} in the knowledge base (knowledge/codes.yaml, medications.yaml).");
            }
        }

        _byClass = Substances.GroupBy(s => s.Class, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Medicine>)g.Select(s => new Medicine(s.Class, s.Name, s.Atc)).ToList(), StringComparer.Ordinal);
        foreach (var condition in knowledge.Conditions)
        {
            Add(knowledge, CodeTarget.Condition, condition.Id, condition.Name);
        }

        foreach (var finding in knowledge.Findings)
        {
            Add(knowledge, CodeTarget.Finding, finding.Id, finding.Label);
        }

        Add(knowledge, CodeTarget.Person, "pregnant", "Pregnancy");
    }

    private void Add(KnowledgeBase knowledge, CodeTarget target, string id, string text)
    {
        var snomed = knowledge.Codes.Of(target, id, CodeSystem.SnomedCt);
        var icd = knowledge.Codes.Of(target, id, CodeSystem.Icd10Cm);
        if (snomed.Count + icd.Count > 0)
        {
            _diagnoses[id] = new DiagnosisCode(id, snomed, icd, text);
        }
    }

    /// <summary>A condition, finding or person fact by knowledge id (one with SNOMED CT or ICD-10-CM codes).</summary>
    public DiagnosisCode Diagnosis(string id) => _diagnoses[id];

    public IReadOnlyList<Medicine> Medicines(string classId) => _byClass[classId];
}
