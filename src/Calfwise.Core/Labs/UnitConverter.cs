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

    public static string AcceptedUnits(Analyte analyte) =>
        string.Join(", ", analyte.AllUnits.Select(u => UnitText.Display(u.Code)));
}
