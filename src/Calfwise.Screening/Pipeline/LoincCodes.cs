namespace Calfwise.Screening.Pipeline;

/// <summary>
/// LOINC codes as numbers, so a code is looked up from a line's bytes without a string: a LOINC code is 1 to
/// <see cref="MaxDigits"/> digits, a hyphen and a check digit, and its key keeps how many digits come before the
/// hyphen (leading zeros count: 02276-4 is not 2276-4, as the knowledge base's index reads them).
/// </summary>
internal static class LoincCodes
{
    public const int MaxDigits = 7;

    public static long Key(int digits, long value, int check) => ((digits * 100_000_000L) + value) * 10 + check;

    public static bool IsShaped(string code) =>
        code.Length is >= 3 and <= MaxDigits + 2 && code[^2] == '-' && char.IsAsciiDigit(code[^1]) && code[..^2].All(char.IsAsciiDigit);

    /// <summary>The key of <paramref name="code"/>'s bytes; false when they are not a LOINC-shaped code.</summary>
    public static bool TryKey(ReadOnlySpan<byte> code, out long key)
    {
        key = 0;
        if (code.Length is < 3 or > MaxDigits + 2 || code[^2] != '-' || !char.IsAsciiDigit((char)code[^1]))
        {
            return false;
        }

        long value = 0;
        foreach (var digit in code[..^2])
        {
            if (!char.IsAsciiDigit((char)digit))
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        key = Key(code.Length - 2, value, code[^1] - '0');
        return true;
    }
}
