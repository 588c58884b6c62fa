using System.Text;
using System.Text.Json;
using Calfwise.Core.Contracts;

namespace Calfwise.Core.Cases;

/// <summary>
/// A faster reader for the plain case every client sends: a hand-written walk over the bytes that fills the same
/// <see cref="CaseRequest"/> the source-generated contract would. It takes only what it can read exactly as the
/// serializer does (the known members once each, in any order, with the token types the contract declares); at the
/// first thing it is not sure of (an unknown or repeated member, an escaped name, a number the contract's type cannot
/// hold, a date in another form, a comment, bad JSON) it gives up, and the serializer reads the body from the start,
/// with every precise error it reports. <c>CaseJsonFastTests</c> holds the two readers to the same requests.
/// </summary>
public static partial class CaseJson
{
    /// <summary>Reads <paramref name="utf8Json"/> as a case request, or returns null when the serializer must read it.</summary>
    internal static CaseRequest? TryReadFast(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && ReadCase(ref reader) is { } request
                && !reader.Read() // nothing after the case (the reader throws on anything but whitespace)
                ? request
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null; // text that is not valid Unicode: the serializer names it
        }
    }

    private static CaseRequest? ReadCase(ref Utf8JsonReader reader) =>
        ReadObject(ref reader, CaseMembers, new CaseRequest(), static (ref Utf8JsonReader r, CaseRequest request, int member) =>
        {
            bool ok;
            switch (member)
            {
                case 0: ok = Decimal(ref r, out var age); request.Age = age; break;
                case 1: ok = Date(ref r, out var born); request.BirthDate = born; break;
                case 2: ok = Text(ref r, out var sex); request.Sex = sex; break;
                case 3: ok = Flag(ref r, out var pregnant); request.Pregnant = pregnant; break;
                case 4: ok = Whole(ref r, out var trimester); request.Trimester = trimester; break;
                case 5: ok = Findings(ref r, out var findings); request.Findings = findings; break;
                case 6: ok = Texts(ref r, out var medications); request.Medications = medications; break;
                case 7: ok = Labs(ref r, out var labs); request.Labs = labs; break;
                case 8: ok = Instruments(ref r, out var instruments); request.Instruments = instruments; break;
                default: ok = Texts(ref r, out var unavailable); request.LabsUnavailable = unavailable; break;
            }

            return ok;
        });

    /// <summary>The members of the object the reader is in, each read into <paramref name="target"/> by <paramref name="read"/>; null to give up.</summary>
    private static T? ReadObject<T>(ref Utf8JsonReader reader, byte[][] names, T target, ReadMember<T> read)
        where T : class
    {
        var seen = 0;
        int member;
        while ((member = NextMember(ref reader, names, ref seen)) >= 0)
        {
            if (!read(ref reader, target, member))
            {
                return null;
            }
        }

        return member == EndOfObject ? target : null;
    }

    private delegate bool ReadMember<in T>(ref Utf8JsonReader reader, T target, int member);

    private const int EndOfObject = -1;

    private const int GiveUp = -2;

    private static readonly byte[][] CaseMembers = [.. new[] { "age", "birthDate", "sex", "pregnant", "trimester", "findings", "medications", "labs", "instruments", "labsUnavailable" }.Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[][] InstrumentMembers = [Encoding.UTF8.GetBytes("irls")];

    private static readonly byte[][] LabMembers = [.. new[] { "analyte", "value", "unit", "date" }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>
    /// The index in <paramref name="names"/> of the next member, read up to its value; <see cref="EndOfObject"/> at the
    /// end of the object, <see cref="GiveUp"/> for a member the serializer must judge (unknown, escaped or repeated).
    /// </summary>
    private static int NextMember(ref Utf8JsonReader reader, byte[][] names, ref int seen)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            return reader.TokenType == JsonTokenType.EndObject ? EndOfObject : GiveUp;
        }

        var member = GiveUp;
        for (var i = 0; i < names.Length && !reader.ValueIsEscaped; i++)
        {
            if (reader.ValueTextEquals(names[i]))
            {
                member = i;
                break;
            }
        }

        if (member < 0 || (seen & (1 << member)) != 0 || !reader.Read())
        {
            return GiveUp;
        }

        seen |= 1 << member;
        return member;
    }

    private static bool Findings(ref Utf8JsonReader reader, out Dictionary<string, bool?>? findings)
    {
        findings = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        findings = new Dictionary<string, bool?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var id = reader.GetString()!;
            if (!reader.Read() || !Flag(ref reader, out var answer) || !findings.TryAdd(id, answer))
            {
                return false; // a repeated finding: the serializer decides
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool Texts(ref Utf8JsonReader reader, out List<string?>? texts) => Array(ref reader, Text, out texts);

    private static bool Labs(ref Utf8JsonReader reader, out List<CaseLabRequest?>? labs) =>
        Array(ref reader, static (ref Utf8JsonReader r, out CaseLabRequest? lab) =>
        {
            lab = null;
            return r.TokenType == JsonTokenType.Null || (r.TokenType == JsonTokenType.StartObject && (lab = Lab(ref r)) is not null);
        }, out labs);

    /// <summary>A JSON array of items, or null; false at the first item <paramref name="item"/> cannot read.</summary>
    private static bool Array<T>(ref Utf8JsonReader reader, ReadItem<T> item, out List<T>? items)
    {
        items = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        items = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!item(ref reader, out var value))
            {
                return false;
            }

            items.Add(value);
        }

        return true;
    }

    private delegate bool ReadItem<T>(ref Utf8JsonReader reader, out T value);

    private static CaseLabRequest? Lab(ref Utf8JsonReader reader) =>
        ReadObject(ref reader, LabMembers, new CaseLabRequest(), static (ref Utf8JsonReader r, CaseLabRequest lab, int member) =>
        {
            bool ok;
            switch (member)
            {
                case 0: ok = Text(ref r, out var analyte); lab.Analyte = analyte; break;
                case 1: ok = Decimal(ref r, out var value); lab.Value = value; break;
                case 2: ok = Text(ref r, out var unit); lab.Unit = unit; break;
                default: ok = Date(ref r, out var date); lab.Date = date; break;
            }

            return ok;
        });

    private static bool Instruments(ref Utf8JsonReader reader, out CaseInstrumentsRequest? instruments)
    {
        instruments = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        instruments = ReadObject(ref reader, InstrumentMembers, new CaseInstrumentsRequest(), static (ref Utf8JsonReader r, CaseInstrumentsRequest read, int _) =>
        {
            var ok = Array<int>(ref r, Score, out var irls);
            read.Irls = irls;
            return ok;
        });
        return instruments is not null;
    }
}
