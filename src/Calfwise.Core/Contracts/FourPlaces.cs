namespace Calfwise.Core.Contracts;

/// <summary>
/// The JSON text of a number from 0 to 1 rounded to 4 places (<c>Math.Round(p, 4)</c>, as every probability of the
/// answer is), written from its integer ten-thousandths: "0", "1", "0.5", "0.9916". The shortest text that reads back
/// to such a double is exactly its decimal digits without trailing zeros, which is what the JSON writer prints for it
/// (FourPlacesTests compares all 10,001 values); anything else is left to the writer.
/// </summary>
internal static class FourPlaces
{
    [ThreadStatic]
    private static byte[]? _digits;

    /// <summary>The digits of <paramref name="value"/> in a per-thread buffer, valid until the next call on the thread.</summary>
    public static bool TryFormat(double value, out byte[] digits, out int length)
    {
        digits = _digits ??= new byte[6];
        length = 0;
        if (!(value >= 0 && value <= 1))
        {
            return false;
        }

        var tenThousandths = (int)Math.Round(value * 10_000);
        if (tenThousandths / 10_000.0 != value)
        {
            return false; // not on the 4-place grid
        }

        digits[length++] = (byte)('0' + (tenThousandths / 10_000));
        var fraction = tenThousandths % 10_000;
        if (fraction == 0)
        {
            return true;
        }

        digits[length++] = (byte)'.';
        for (var place = 1_000; fraction > 0; place /= 10)
        {
            digits[length++] = (byte)('0' + (fraction / place));
            fraction %= place;
        }

        return true;
    }
}
