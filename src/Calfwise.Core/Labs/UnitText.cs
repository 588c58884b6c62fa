using System.Text;

namespace Calfwise.Core.Labs;

/// <summary>How unit spellings are compared and shown: `ug`, `mcg`, `µg` and `μg` are one unit, case does not matter.</summary>
public static class UnitText
{
    /// <summary>The comparison key for a unit as a person or lab might write it.</summary>
    public static string Key(string unit)
    {
        var builder = new StringBuilder(unit.Length);
        foreach (var ch in unit.Trim())
        {
            if (char.IsWhiteSpace(ch))
            {
                continue;
            }

            var lower = char.ToLowerInvariant(ch);
            builder.Append(lower is '\u00B5' or '\u03BC' ? 'u' : lower);
        }

        var key = builder.ToString();
        if (key.StartsWith("mcg", StringComparison.Ordinal) || key.StartsWith("mcmol", StringComparison.Ordinal))
        {
            key = "u" + key[2..];
        }

        return key switch
        {
            "fraction" => "1",
            "percent" => "%",
            _ => key,
        };
    }

    /// <summary>The UCUM code as shown to people: the micro prefix written µ.</summary>
    public static string Display(string ucum) =>
        ucum.StartsWith('u') && ucum.Length > 1 && char.IsLetter(ucum[1]) ? "\u00B5" + ucum[1..] : ucum;
}
