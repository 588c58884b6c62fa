using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Calfwise.Screening.Views;

internal ref partial struct LineJsonReader
{
    /// <summary>
    /// Skips the value of the property just read, or the object or array just started: its end is then the token,
    /// as after reading its tokens one by one (and as strict: what <see cref="Read"/> would fail on fails here).
    /// </summary>
    public void Skip()
    {
        if (TokenType == JsonTokenType.PropertyName)
        {
            Read();
        }

        if (TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            SkipContainer();
        }
    }

    /// <summary>
    /// Reads past the container just started to its end in one loop over the bytes, with <see cref="Read"/>'s
    /// rules, without making a token of each value inside it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SkipContainer()
    {
        var line = _line;
        var outer = _depth - 1;
        var depth = _depth;
        var objects = _objects;
        var at = _position;
        var opened = true; // just after an opening bracket (else just after a value)
        while (true)
        {
            at = Spaces(line, at);
            if (at == line.Length)
            {
                Fail();
                return;
            }

            var inObject = (objects & (1UL << (depth - 1))) != 0;
            var next = line[at];
            if (next == (inObject ? '}' : ']'))
            {
                depth--;
                if (depth == outer)
                {
                    _depth = depth;
                    _objects = objects;
                    Token(inObject ? JsonTokenType.EndObject : JsonTokenType.EndArray, at, 1);
                    return;
                }

                at++;
                opened = false;
                continue;
            }

            if (!opened)
            {
                if (next != ',' || (at = Spaces(line, at + 1)) == line.Length)
                {
                    Fail();
                    return;
                }

                next = line[at];
            }

            if (inObject)
            {
                // A member's name, a colon, then its value.
                if (next != '"' || (at = StringEnd(line, at)) < 0 || (at = Spaces(line, at)) == line.Length || line[at] != ':'
                    || (at = Spaces(line, at + 1)) == line.Length)
                {
                    Fail();
                    return;
                }

                next = line[at];
            }

            opened = false;
            switch (next)
            {
                case (byte)'{' or (byte)'[':
                    if (depth == MaxDepth)
                    {
                        Fail();
                        return;
                    }

                    objects = next == '{' ? objects | (1UL << depth) : objects & ~(1UL << depth);
                    depth++;
                    at++;
                    opened = true;
                    continue;
                case (byte)'"':
                    at = StringEnd(line, at);
                    break;
                case (byte)'t':
                    at = IsLiteral(line, at, "true"u8) ? at + 4 : -1;
                    break;
                case (byte)'f':
                    at = IsLiteral(line, at, "false"u8) ? at + 5 : -1;
                    break;
                case (byte)'n':
                    at = IsLiteral(line, at, "null"u8) ? at + 4 : -1;
                    break;
                default:
                    at = NumberEnd(line, at);
                    break;
            }

            if (at < 0)
            {
                Fail();
                return;
            }
        }
    }

    /// <summary>Where the string whose opening quote is at <paramref name="quote"/> ends (past its closing quote), or -1 when it is unterminated or holds a control character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StringEnd(ReadOnlySpan<byte> line, int quote)
    {
        var length = StringLength(line, quote + 1);
        return length >= 0 && line[quote + 1 + length] == '"' ? quote + length + 2 : -1;
    }
}
