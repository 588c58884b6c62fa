using System.Collections.Concurrent;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Labs;

/// <summary>Finds an analyte's unit from how it was written, and converts exactly with decimal arithmetic.</summary>
public static class UnitConverter
{
    private static readonly ConcurrentDictionary<Analyte, Dictionary<string, LabUnit>> UnitsByKey = new(ReferenceEqualityComparer.Instance);

    public static LabUnit? Find(Analyte analyte, string written)
    {
        var units = UnitsByKey.GetOrAdd(analyte, static a => a.AllUnits.ToDictionary(u => UnitText.Key(u.Code), StringComparer.Ordinal));
        return units.TryGetValue(UnitText.Key(written), out var unit) ? unit : null;
    }

    /// <summary>
    /// The analyte's unit a UCUM code (or, without one, a written unit) means: brackets of UCUM's special units are
    /// dropped (<c>m[IU]/L</c> is mIU/L); null when the analyte does not accept it. FHIR and bulk exports read units here.
    /// </summary>
    public static LabUnit? FromUcum(Analyte analyte, string? ucumOrText) =>
        string.IsNullOrWhiteSpace(ucumOrText) ? null
        : Find(analyte, ucumOrText.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal));

    public static string AcceptedUnits(Analyte analyte) =>
        string.Join(", ", analyte.AllUnits.Select(u => UnitText.Display(u.Code)));
}
