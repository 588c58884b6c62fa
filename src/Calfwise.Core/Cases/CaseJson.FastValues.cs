using System.Globalization;
using System.Text.Json;

namespace Calfwise.Core.Cases;

/// <summary>The fast case reader's values (CaseJson.Fast.cs): each read exactly as the contract's type reads it, or false to give up.</summary>
public static partial class CaseJson
{
    private static bool Decimal(ref Utf8JsonReader reader, out decimal? value) =>
        Number(ref reader, static (ref Utf8JsonReader r, out decimal number) => r.TryGetDecimal(out number), out value);

    private static bool Whole(ref Utf8JsonReader reader, out int? value) =>
        Number(ref reader, static (ref Utf8JsonReader r, out int number) => r.TryGetInt32(out number), out value);

    /// <summary>A JSON number the contract's type holds exactly as the serializer reads it (no strings: strict number handling), or null.</summary>
    private static bool Number<T>(ref Utf8JsonReader reader, TryGetNumber<T> tryGet, out T? value)
        where T : struct
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Number || !tryGet(ref reader, out var number))
        {
            return false;
        }

        value = number;
        return true;
    }

    private delegate bool TryGetNumber<T>(ref Utf8JsonReader reader, out T number);

    private static bool Flag(ref Utf8JsonReader reader, out bool? value)
    {
        value = reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => null,
        };
        return value is not null || reader.TokenType == JsonTokenType.Null;
    }

    private static bool Text(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return value is not null || reader.TokenType == JsonTokenType.Null;
    }

    /// <summary>A date exactly as yyyy-MM-dd, unescaped; anything else is left to the serializer's own date reading.</summary>
    private static bool Date(ref Utf8JsonReader reader, out DateOnly? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length != 10)
        {
            return false;
        }

        Span<char> text = stackalloc char[10];
        for (var i = 0; i < 10; i++)
        {
            var b = reader.ValueSpan[i];
            if (i is 4 or 7 ? b != '-' : b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            text[i] = (char)b;
        }

        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        value = ok ? date : null;
        return ok;
    }

    private static bool Score(ref Utf8JsonReader reader, out int score)
    {
        score = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out score);
    }
}
