namespace Calfwise.Core.Knowledge;

/// <summary>A clinical terminology a knowledge item can be coded in (knowledge/codes.yaml).</summary>
public enum CodeSystem
{
    /// <summary>LOINC, for lab analytes.</summary>
    Loinc,
    /// <summary>SNOMED CT concept ids, for conditions, findings and person facts.</summary>
    SnomedCt,
    /// <summary>ICD-10-CM (the United States clinical modification).</summary>
    Icd10Cm,
    /// <summary>WHO ICD-10 (the international edition).</summary>
    Icd10,
    /// <summary>WHO Anatomical Therapeutic Chemical classification, at class or substance level.</summary>
    Atc,
    /// <summary>RxNorm ingredient concept ids.</summary>
    RxNorm,
}

/// <summary>The kind of knowledge item a code is bound to.</summary>
public enum CodeTarget
{
    Analyte,
    Condition,
    Finding,
    MedicationClass,
    /// <summary>A fact about the person in the case itself rather than a finding (such as <c>pregnant</c>).</summary>
    Person,
    /// <summary>A kind of procedure a record may hold (such as <c>gi-investigation</c>), read by the CDS service, not the engine.</summary>
    Procedure,
}

/// <summary>One code bound to one knowledge item, with where the binding is written.</summary>
public sealed record CodeBinding(CodeTarget Target, string TargetId, CodeSystem System, string Code, SourceLocation Location);

/// <summary>The FHIR system address of each code system, both ways.</summary>
public static class CodeSystems
{
    private static readonly Dictionary<CodeSystem, string> Uris = new()
    {
        [CodeSystem.Loinc] = "http://loinc.org",
        [CodeSystem.SnomedCt] = "http://snomed.info/sct",
        [CodeSystem.Icd10Cm] = "http://hl7.org/fhir/sid/icd-10-cm",
        [CodeSystem.Icd10] = "http://hl7.org/fhir/sid/icd-10",
        [CodeSystem.Atc] = "http://www.whocc.no/atc",
        [CodeSystem.RxNorm] = "http://www.nlm.nih.gov/research/umls/rxnorm",
    };

    private static readonly Dictionary<string, CodeSystem>.AlternateLookup<ReadOnlySpan<char>> ByUri =
        Uris.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Uri(this CodeSystem system) => Uris[system];

    /// <summary>The code system of a FHIR <c>Coding.system</c>; null for one codes.yaml does not use.</summary>
    public static CodeSystem? FromUri(string? uri) =>
        uri is not null && ByUri.TryGetValue(uri.AsSpan().TrimEnd('/'), out var system) ? system : null;
}

/// <summary>
/// The terminology bindings of the knowledge base (knowledge/codes.yaml), kept apart from the clinical content like a
/// FHIR ConceptMap. Lookups go from a code found in a record to the knowledge items it means; ICD-10 and ATC codes
/// match hierarchically (a binding to E11 covers E11.9, one to C03C covers C03CA01), the others exactly.
/// </summary>
public sealed class Codes
{
    private readonly KnowledgeBase _knowledge;
    private readonly ILookup<(CodeTarget, string, CodeSystem), string> _byItem;
    private readonly CodeIndex _index;

    internal Codes(IReadOnlyList<CodeBinding> bindings, KnowledgeBase knowledge)
    {
        _knowledge = knowledge;
        Bindings = bindings;
        _byItem = bindings.ToLookup(b => (b.Target, b.TargetId, b.System), b => b.Code);
        _index = new CodeIndex(bindings);
    }

    /// <summary>Every binding in file order.</summary>
    public IReadOnlyList<CodeBinding> Bindings { get; }

    /// <summary>The codes of one item in one system, in file order (for an analyte the preferred LOINC first).</summary>
    public IReadOnlyList<string> Of(CodeTarget target, string id, CodeSystem system) => _byItem[(target, id, system)].ToList();

    /// <summary>An analyte's LOINC codes, the preferred one (<see cref="Analyte.Loinc"/>) first.</summary>
    public IReadOnlyList<string> LoincOf(string analyteId) => Of(CodeTarget.Analyte, analyteId, CodeSystem.Loinc);

    /// <summary>The bindings a recorded code falls under.</summary>
    public IReadOnlyList<CodeBinding> Find(CodeSystem system, string code) => _index.Find(system, code);

    /// <summary>The ids of the items of one kind a recorded code means, each once, in file order.</summary>
    public IReadOnlyList<string> Find(CodeTarget target, CodeSystem system, string code) => _index.Find(target, system, code);

    /// <summary>The analyte a lab result coded in LOINC measures; null for a code not bound (each LOINC code names at most one analyte).</summary>
    public Analyte? AnalyteByLoinc(string code) =>
        Find(CodeTarget.Analyte, CodeSystem.Loinc, code) is [var id] ? _knowledge.AnalytesById[id] : null;

    public IReadOnlyList<Condition> Conditions(CodeSystem system, string code) =>
        Find(CodeTarget.Condition, system, code).Select(id => _knowledge.ConditionsById[id]).ToList();

    public IReadOnlyList<Condition> ConditionsBySnomed(string code) => Conditions(CodeSystem.SnomedCt, code);

    public IReadOnlyList<Condition> ConditionsByIcd10Cm(string code) => Conditions(CodeSystem.Icd10Cm, code);

    public IReadOnlyList<Condition> ConditionsByIcd10(string code) => Conditions(CodeSystem.Icd10, code);

    public IReadOnlyList<Finding> Findings(CodeSystem system, string code) =>
        Find(CodeTarget.Finding, system, code).Select(id => _knowledge.FindingsById[id]).ToList();

    public IReadOnlyList<Finding> FindingsBySnomed(string code) => Findings(CodeSystem.SnomedCt, code);

    public IReadOnlyList<Finding> FindingsByIcd10Cm(string code) => Findings(CodeSystem.Icd10Cm, code);

    public IReadOnlyList<Finding> FindingsByIcd10(string code) => Findings(CodeSystem.Icd10, code);

    public IReadOnlyList<MedicationClass> MedicationClasses(CodeSystem system, string code) =>
        Find(CodeTarget.MedicationClass, system, code).Select(id => _knowledge.MedicationClassesById[id]).ToList();

    public IReadOnlyList<MedicationClass> MedicationClassesByAtc(string code) => MedicationClasses(CodeSystem.Atc, code);

    public IReadOnlyList<MedicationClass> MedicationClassesByRxNorm(string code) => MedicationClasses(CodeSystem.RxNorm, code);

    /// <summary>The person facts (such as <c>pregnant</c>) a recorded condition code means.</summary>
    public IReadOnlyList<string> PersonFacts(CodeSystem system, string code) => Find(CodeTarget.Person, system, code);

    /// <summary>The procedure kinds (such as <c>gi-investigation</c>) a recorded procedure code means.</summary>
    public IReadOnlyList<string> Procedures(CodeSystem system, string code) => Find(CodeTarget.Procedure, system, code);
}
