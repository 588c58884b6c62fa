using System.Collections.Concurrent;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Labs;

/// <summary>Finds an analyte's unit from how it was written, and converts exactly with decimal arithmetic.</summary>
public static class UnitConverter
{
    private static readonly ConcurrentDictionary<Analyte, UnitLookup> Lookups = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The analyte's unit written as <paramref name="written"/>: a unit's own code is found as it is (what exports and
    /// the case format mostly give), any other spelling by its <see cref="UnitText.Key"/>. Both find the same unit, as a
    /// code's key is its unit's key.
    /// </summary>
    public static LabUnit? Find(Analyte analyte, string written)
    {
        var lookup = LookupOf(analyte);
        return lookup.ByCode.TryGetValue(written, out var exact) ? exact : FindByKey(lookup, written);
    }

    /// <summary>The unit found by its key alone, as <see cref="Find"/> finds a spelling that is no unit's code.</summary>
    internal static LabUnit? FindByKey(Analyte analyte, string written) => FindByKey(LookupOf(analyte), written);

    /// <summary>
    /// The analyte's unit a UCUM code (or, without one, a written unit) means: brackets of UCUM's special units are
    /// dropped (<c>m[IU]/L</c> is mIU/L); null when the analyte does not accept it. FHIR and bulk exports read units here.
    /// </summary>
    public static LabUnit? FromUcum(Analyte analyte, string? ucumOrText) =>
        string.IsNullOrWhiteSpace(ucumOrText) ? null
        : Find(analyte, ucumOrText.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal));

    public static string AcceptedUnits(Analyte analyte) =>
        string.Join(", ", analyte.AllUnits.Select(u => UnitText.Display(u.Code)));

    private static UnitLookup LookupOf(Analyte analyte) => Lookups.GetOrAdd(analyte, static a => new UnitLookup(
        a.AllUnits.ToDictionary(u => UnitText.Key(u.Code), StringComparer.Ordinal),
        a.AllUnits.ToDictionary(u => u.Code, StringComparer.Ordinal)));

    private static LabUnit? FindByKey(UnitLookup lookup, string written) =>
        lookup.ByKey.TryGetValue(UnitText.Key(written), out var unit) ? unit : null;

    /// <summary>An analyte's units by comparison key and by their exact code.</summary>
    private sealed record UnitLookup(Dictionary<string, LabUnit> ByKey, Dictionary<string, LabUnit> ByCode);
}
