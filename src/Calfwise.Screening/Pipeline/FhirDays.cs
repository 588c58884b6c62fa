namespace Calfwise.Screening.Pipeline;

/// <summary>The day a FHIR date, dateTime or instant starts with, read off its UTF-8 bytes.</summary>
internal static class FhirDays
{
    /// <summary>
    /// The day of <c>yyyy-MM-dd…</c> (at least ten bytes, ASCII digits, a real day of year 1 or later); null otherwise:
    /// exactly what <see cref="DateOnly.TryParseExact(ReadOnlySpan{char}, ReadOnlySpan{char}, out DateOnly)"/> with
    /// <c>yyyy-MM-dd</c> gives the first ten characters (<c>FhirDaysTests</c> holds the two to each other).
    /// </summary>
    public static DateOnly? Parse(ReadOnlySpan<byte> value)
    {
        if (value.Length < 10 || value[4] != '-' || value[7] != '-')
        {
            return null;
        }

        if (!Digits(value[..4], out var year) || !Digits(value.Slice(5, 2), out var month) || !Digits(value.Slice(8, 2), out var day))
        {
            return null;
        }

        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static bool Digits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}
