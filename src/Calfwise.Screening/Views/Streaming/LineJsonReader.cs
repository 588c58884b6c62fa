using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary>
/// A JSON tokenizer for one whole line that holds no backslash (so no escape) and is valid UTF-8, the common
/// resource line: it gives the tokens <see cref="Utf8JsonReader"/> gives, at their places, in a fraction of its time.
/// It is stricter, never looser: anything it is not sure of (JSON that is not valid, nesting deeper than
/// <see cref="MaxDepth"/>) sets <see cref="Failed"/> and ends the tokens, and the caller reads the line again with
/// the system reader, whose verdict stands. It never throws.
/// </summary>
internal ref partial struct LineJsonReader(ReadOnlySpan<byte> line) : IJsonTokens
{
    /// <summary>Deeper nesting fails (the system reader's default limit is 64).</summary>
    public const int MaxDepth = 63;

    /// <summary>What ends a string: its closing quote, or a control character (not allowed in one).</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"']);

    private readonly ReadOnlySpan<byte> _line = line;
    private int _position;
    private int _depth;

    /// <summary>Bit d set: the container at depth d + 1 is an object (else an array).</summary>
    private ulong _objects;

    private int _valueStart;
    private int _valueLength;

    /// <summary>Whether the line can be read by this reader at all: no backslash anywhere, and valid UTF-8.</summary>
    public static bool Fits(ReadOnlySpan<byte> line) => !line.Contains((byte)'\\') && System.Text.Unicode.Utf8.IsValid(line);

    public JsonTokenType TokenType { get; private set; }

    public bool Failed { get; private set; }

    public readonly ReadOnlySpan<byte> ValueSpan => _line.Slice(_valueStart, _valueLength);

    public readonly bool ValueIsEscaped => false;

    public long TokenStartIndex { get; private set; }

    public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8) => ValueSpan.SequenceEqual(utf8);

    public readonly string? GetString() => TokenType is JsonTokenType.String or JsonTokenType.PropertyName ? Encoding.UTF8.GetString(ValueSpan) : null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (Failed)
        {
            return false;
        }

        SkipWhitespace();
        var previous = TokenType;
        if (_depth == 0 && previous != JsonTokenType.None)
        {
            return _position != _line.Length && Fail(); // one value, then only whitespace: the end
        }

        if (_position == _line.Length)
        {
            return Fail();
        }

        var next = _line[_position];
        switch (previous)
        {
            case JsonTokenType.None:
                return Value(next);
            case JsonTokenType.StartArray when next != ']':
                return Value(next);
            case JsonTokenType.StartArray:
                return End(inObject: false);
            case JsonTokenType.StartObject:
                return next == '}' ? End(inObject: true) : Name(next);
            case JsonTokenType.PropertyName:
                if (next != ':')
                {
                    return Fail();
                }

                _position++;
                SkipWhitespace();
                return _position < _line.Length ? Value(_line[_position]) : Fail();
            default: // after a value, inside a container
                var inObject = (_objects & (1UL << (_depth - 1))) != 0;
                if (next == (inObject ? '}' : ']'))
                {
                    return End(inObject);
                }

                if (next != ',')
                {
                    return Fail();
                }

                _position++;
                SkipWhitespace();
                if (_position == _line.Length)
                {
                    return Fail();
                }

                return inObject ? Name(_line[_position]) : Value(_line[_position]);
        }
    }

    private bool Name(byte next) => next == '"' ? String(JsonTokenType.PropertyName) : Fail();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Value(byte next)
    {
        switch (next)
        {
            case (byte)'{' or (byte)'[':
                if (_depth == MaxDepth)
                {
                    return Fail();
                }

                _objects = next == '{' ? _objects | (1UL << _depth) : _objects & ~(1UL << _depth);
                _depth++;
                return Token(next == '{' ? JsonTokenType.StartObject : JsonTokenType.StartArray, _position, 1);
            case (byte)'"':
                return String(JsonTokenType.String);
            case (byte)'t':
                return Literal("true"u8, JsonTokenType.True);
            case (byte)'f':
                return Literal("false"u8, JsonTokenType.False);
            case (byte)'n':
                return Literal("null"u8, JsonTokenType.Null);
            default:
                return Number();
        }
    }

    private bool End(bool inObject)
    {
        _depth--;
        return Token(inObject ? JsonTokenType.EndObject : JsonTokenType.EndArray, _position, 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool String(JsonTokenType type)
    {
        var start = _position + 1;
        var length = StringLength(_line, start);
        if (length < 0 || _line[start + length] != '"')
        {
            return Fail(); // unterminated, or a control character inside
        }

        TokenType = type;
        TokenStartIndex = _position;
        _valueStart = start;
        _valueLength = length;
        _position = start + length + 1;
        return true;
    }

    /// <summary>
    /// How far from <paramref name="start"/> the first quote or control character is, or -1: 32 bytes at a time
    /// where the processor has 256-bit vectors (most strings of a resource end in the first 32), the line's last
    /// bytes by the general search.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int StringLength(ReadOnlySpan<byte> line, int start)
    {
        var at = start;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(line);
            for (; at + Vector256<byte>.Count <= line.Length; at += Vector256<byte>.Count)
            {
                var bytes = Vector256.LoadUnsafe(ref first, (nuint)at);
                var stops = Vector256.Equals(bytes, Vector256.Create((byte)'"')) | Vector256.LessThan(bytes, Vector256.Create((byte)0x20));
                if (stops.ExtractMostSignificantBits() is var bits and not 0)
                {
                    return at - start + BitOperations.TrailingZeroCount(bits);
                }
            }
        }

        var rest = line[at..].IndexOfAny(StringStops);
        return rest < 0 ? -1 : at - start + rest;
    }

    private bool Literal(ReadOnlySpan<byte> literal, JsonTokenType type) =>
        IsLiteral(_line, _position, literal) ? Token(type, _position, literal.Length) : Fail();

    private static bool IsLiteral(ReadOnlySpan<byte> line, int at, ReadOnlySpan<byte> literal) =>
        line[at..].StartsWith(literal) && Delimited(line, at + literal.Length);

    private bool Number() => NumberEnd(_line, _position) is var end and >= 0 ? Token(JsonTokenType.Number, _position, end - _position) : Fail();

    /// <summary>Where a number as JSON writes one, -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, starting at <paramref name="at"/> ends, when a delimiter follows it; else -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NumberEnd(ReadOnlySpan<byte> line, int at)
    {
        if (at < line.Length && line[at] == '-')
        {
            at++;
        }

        if (at < line.Length && line[at] == '0')
        {
            at++;
        }
        else if (Digits(line, ref at) == 0)
        {
            return -1;
        }

        if (at < line.Length && line[at] == '.')
        {
            at++;
            if (Digits(line, ref at) == 0)
            {
                return -1;
            }
        }

        if (at < line.Length && line[at] is (byte)'e' or (byte)'E')
        {
            at++;
            if (at < line.Length && line[at] is (byte)'+' or (byte)'-')
            {
                at++;
            }

            if (Digits(line, ref at) == 0)
            {
                return -1;
            }
        }

        return Delimited(line, at) ? at : -1;
    }

    private static int Digits(ReadOnlySpan<byte> line, ref int at)
    {
        var from = at;
        while (at < line.Length && line[at] is >= (byte)'0' and <= (byte)'9')
        {
            at++;
        }

        return at - from;
    }

    /// <summary>Whether a number or literal ending before <paramref name="at"/> is followed by what may follow a value.</summary>
    private static bool Delimited(ReadOnlySpan<byte> line, int at) =>
        at == line.Length || line[at] is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private bool Token(JsonTokenType type, int start, int length)
    {
        TokenType = type;
        TokenStartIndex = start;
        _valueStart = start;
        _valueLength = length;
        _position = start + length;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SkipWhitespace() => _position = Spaces(_line, _position);

    /// <summary>The first place at or after <paramref name="at"/> that is not whitespace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Spaces(ReadOnlySpan<byte> line, int at)
    {
        while (at < line.Length && line[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            at++;
        }

        return at;
    }

    private bool Fail()
    {
        Failed = true;
        TokenType = JsonTokenType.None;
        return false;
    }
}
