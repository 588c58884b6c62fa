using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Labs;

/// <summary>Finds an analyte's unit from how it was written, and converts exactly with decimal arithmetic.</summary>
public static class UnitConverter
{
    public static LabUnit? Find(Analyte analyte, string written)
    {
        var key = UnitText.Key(written);
        return analyte.AllUnits.FirstOrDefault(u => UnitText.Key(u.Code) == key);
    }

    public static string AcceptedUnits(Analyte analyte) =>
        string.Join(", ", analyte.AllUnits.Select(u => UnitText.Display(u.Code)));
}
