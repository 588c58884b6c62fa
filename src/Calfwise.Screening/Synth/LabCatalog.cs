using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;

namespace Calfwise.Screening.Synth;

/// <summary>One way a lab reports an analyte: a LOINC code the knowledge base binds, in a unit that code's property means.</summary>
/// <param name="Analyte">The analyte the code is bound to.</param>
/// <param name="Loinc">The LOINC code.</param>
/// <param name="Ucum">The UCUM code written (<c>m[IU]/L</c>).</param>
/// <param name="Unit">The knowledge base's unit it is (values are converted with it).</param>
internal sealed record LabCode(Analyte Analyte, string Loinc, string Ucum, LabUnit Unit);

/// <summary>
/// The analytes, their LOINC codes (knowledge/codes.yaml), units (knowledge/labs.yaml), reference ranges, critical
/// limits and thresholds, as the generator needs them. Values are made in the canonical unit from the knowledge's
/// own numbers and converted with its unit table; no clinical number is written here.
/// </summary>
internal sealed class LabCatalog
{
    /// <summary>
    /// The units each LOINC code is reported in, which its property implies (mass or molar concentration, fraction):
    /// not clinical knowledge but what the code means. The codes themselves come from the knowledge base; a code it
    /// binds that is missing here stops the generator (and a test) with its name.
    /// </summary>
    private static readonly Dictionary<string, string[]> UcumByLoinc = new(StringComparer.Ordinal)
    {
        ["2276-4"] = ["ng/mL", "ug/L"], ["20567-4"] = ["ng/mL", "ug/L"],
        ["2502-3"] = ["%"], ["14801-5"] = ["%"],
        ["2498-4"] = ["ug/dL"], ["14798-3"] = ["umol/L"],
        ["2500-7"] = ["ug/dL"], ["14800-7"] = ["umol/L"],
        ["718-7"] = ["g/dL", "g/L"], ["59260-0"] = ["mmol/L"],
        ["787-2"] = ["fL"], ["30428-7"] = ["fL"],
        ["1988-5"] = ["mg/L", "mg/dL"], ["30522-7"] = ["mg/L"],
        ["3016-3"] = ["m[IU]/L", "u[IU]/mL"], ["11580-8"] = ["m[IU]/L"], ["11579-0"] = ["m[IU]/L"],
        ["3024-7"] = ["ng/dL"], ["14920-3"] = ["pmol/L"],
        ["2823-3"] = ["mmol/L", "meq/L"], ["6298-4"] = ["mmol/L"], ["39789-3"] = ["mmol/L"], ["32713-0"] = ["mmol/L"],
        ["19123-9"] = ["mg/dL"], ["2601-3"] = ["mmol/L"],
        ["17861-6"] = ["mg/dL"], ["2000-8"] = ["mmol/L"],
        ["2951-2"] = ["mmol/L", "meq/L"], ["2947-0"] = ["mmol/L"], ["39791-9"] = ["mmol/L"], ["32717-1"] = ["mmol/L"],
        ["2160-0"] = ["mg/dL"], ["14682-9"] = ["umol/L"], ["38483-4"] = ["mg/dL"],
        ["2157-6"] = ["U/L"],
    };

    private readonly KnowledgeBase _knowledge;
    private readonly Dictionary<string, IReadOnlyList<LabCode>> _codes = new(StringComparer.Ordinal);

    public LabCatalog(KnowledgeBase knowledge)
    {
        _knowledge = knowledge;
        foreach (var analyte in knowledge.Analytes)
        {
            var codes = new List<LabCode>();
            foreach (var loinc in knowledge.Codes.LoincOf(analyte.Id))
            {
                if (!UcumByLoinc.TryGetValue(loinc, out var units))
                {
                    throw new InvalidOperationException($"The knowledge base binds LOINC {loinc} to {analyte.Id}, but the generator does not know its unit: add it to {nameof(LabCatalog)}.");
                }

                codes.AddRange(units.Select(ucum => new LabCode(analyte, loinc, ucum, KnowledgeUnit(analyte, ucum)
                    ?? throw new InvalidOperationException($"{analyte.Id} does not accept {ucum} (LOINC {loinc}): see knowledge/labs.yaml."))));
            }

            _codes[analyte.Id] = codes;
        }
    }

    /// <summary>The knowledge base's unit a UCUM code means (brackets of [IU] aside); null when the analyte does not accept it.</summary>
    public static LabUnit? KnowledgeUnit(Analyte analyte, string ucum) =>
        UnitConverter.Find(analyte, ucum.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal));

    /// <summary>Every code and unit an analyte may be reported in (empty for one without LOINC codes).</summary>
    public IReadOnlyList<LabCode> CodesOf(string analyteId) => _codes[analyteId];

    public Analyte Analyte(string id) => _knowledge.AnalytesById[id];

    public decimal Threshold(string id) => _knowledge.Threshold(id).Value;

    /// <summary>The reference range that applies to a non-pregnant person (the most specific row, as the engine picks).</summary>
    public ReferenceRange Range(string analyteId, Sex sex, decimal age) =>
        Analyte(analyteId).Ranges.Where(r => r.AppliesTo(sex, age, false, null)).OrderByDescending(r => r.Specificity).First();

    /// <summary>The critical limits that make a value read "critical" in a non-pregnant person.</summary>
    public IEnumerable<CriticalLimit> CriticalLimits(string analyteId) =>
        Analyte(analyteId).Critical.Where(c => c.MarksCritical && c.AppliesTo(false));

    /// <summary>The analytes with at least one critical limit.</summary>
    public IReadOnlyList<string> CriticalAnalytes() =>
        _knowledge.Analytes.Where(a => CriticalLimits(a.Id).Any() && _codes[a.Id].Count > 0).Select(a => a.Id).ToList();
}
