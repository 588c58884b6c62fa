using System.Collections.Frozen;

namespace Calfwise.Core.Knowledge;

/// <summary>The validated knowledge base: everything the engine knows, loaded once and shared.</summary>
public sealed class KnowledgeBase
{
    /// <summary>
    /// The knowledge version: a content hash of the knowledge files ("k-" and 12 hex digits). Saved with every
    /// assessment, so a result can be traced to the knowledge that produced it.
    /// </summary>
    public string Version { get; internal set; } = "k-unversioned";

    internal KnowledgeBase(
        IReadOnlyList<Source> sources,
        IReadOnlyList<Finding> findings,
        IReadOnlyList<Condition> conditions,
        IReadOnlyList<Analyte> analytes,
        IReadOnlyList<Threshold> thresholds,
        IReadOnlyList<MedicationClass> medicationClasses,
        IReadOnlyList<RedFlag> redFlags,
        IReadOnlyList<Recommendation> recommendations,
        IReadOnlyList<TriageAdvice> triageAdvice,
        IReadOnlyList<ProbabilityBand> bands,
        string disclaimer,
        RlsInstruments rls,
        InterviewKnowledge interview,
        DiaryPolicy diary)
    {
        Diary = diary;
        Interview = interview;
        Sources = sources.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        Findings = findings;
        FindingsById = findings.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
        Conditions = conditions;
        ConditionsById = conditions.ToFrozenDictionary(c => c.Id, StringComparer.Ordinal);
        Analytes = analytes;
        AnalytesById = analytes.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
        Thresholds = thresholds.ToFrozenDictionary(t => t.Id, StringComparer.Ordinal);
        MedicationClasses = medicationClasses;
        MedicationClassesById = medicationClasses.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);
        DrugClasses = medicationClasses
            .SelectMany(c => c.Drugs.Select(d => (Drug: d, Class: c)))
            .GroupBy(x => x.Drug, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<MedicationClass>)g.Select(x => x.Class).ToList(), StringComparer.OrdinalIgnoreCase);
        RedFlags = redFlags;
        Recommendations = recommendations;
        RecommendationsById = recommendations.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);
        TriageAdvice = triageAdvice.ToFrozenDictionary(t => t.Level);
        Bands = bands.ToFrozenDictionary(b => b.Id, StringComparer.Ordinal);
        Disclaimer = disclaimer;
        Rls = rls;
        Codes = new Codes([], this);
    }

    public FrozenDictionary<string, Source> Sources { get; }

    public IReadOnlyList<Finding> Findings { get; }

    public FrozenDictionary<string, Finding> FindingsById { get; }

    public IReadOnlyList<Condition> Conditions { get; }

    public FrozenDictionary<string, Condition> ConditionsById { get; }

    public IReadOnlyList<Analyte> Analytes { get; private set; }

    public FrozenDictionary<string, Analyte> AnalytesById { get; private set; }

    /// <summary>The clinical codes (LOINC, SNOMED CT, ICD-10, ATC, RxNorm) bound to the items (codes.yaml).</summary>
    public Codes Codes { get; private set; }

    public FrozenDictionary<string, Threshold> Thresholds { get; }

    public IReadOnlyList<MedicationClass> MedicationClasses { get; }

    public FrozenDictionary<string, MedicationClass> MedicationClassesById { get; }

    /// <summary>Generic drug name (any case) to the classes it belongs to.</summary>
    public FrozenDictionary<string, IReadOnlyList<MedicationClass>> DrugClasses { get; }

    public IReadOnlyList<RedFlag> RedFlags { get; }

    public IReadOnlyList<Recommendation> Recommendations { get; }

    public FrozenDictionary<string, Recommendation> RecommendationsById { get; }

    public FrozenDictionary<TriageLevel, TriageAdvice> TriageAdvice { get; }

    public FrozenDictionary<string, ProbabilityBand> Bands { get; }

    public string Disclaimer { get; }

    public RlsInstruments Rls { get; }

    public InterviewKnowledge Interview { get; }

    public DiaryPolicy Diary { get; }

    /// <summary>Takes the codes of codes.yaml; each analyte's <see cref="Analyte.Loinc"/> becomes its preferred (first) LOINC code.</summary>
    internal void BindCodes(IReadOnlyList<CodeBinding> bindings)
    {
        Codes = new Codes(bindings, this);
        Analytes = Analytes.Select(a => a with { Loinc = Codes.LoincOf(a.Id) is [var preferred, ..] ? preferred : "" }).ToList();
        AnalytesById = Analytes.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public Threshold Threshold(string id) =>
        Thresholds.TryGetValue(id, out var threshold)
            ? threshold
            : throw new KeyNotFoundException($"Threshold '{id}' is not in the knowledge base.");

    /// <summary>The id of the recommendation whose rule is the one list of the medicine classes that raise potassium.</summary>
    public const string PotassiumReviewId = "potassium-medicine-review";

    /// <summary>
    /// The medicine classes a recommendation's rule names (for <see cref="PotassiumReviewId"/>: the potassium-raising
    /// classes), so that order checks and population screening use the knowledge's list rather than a copy.
    /// </summary>
    public IReadOnlySet<string> MedicationClassesNamedBy(string recommendationId) =>
        RecommendationsById.TryGetValue(recommendationId, out var recommendation)
            ? recommendation.When.Descendants().OfType<MedicationClassRule>().Select(r => r.ClassId).ToHashSet(StringComparer.Ordinal)
            : throw new KeyNotFoundException($"Recommendation '{recommendationId}' is not in the knowledge base.");
}
