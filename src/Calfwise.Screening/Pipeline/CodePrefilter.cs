using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Text;
using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// Lets through only the lines that could be a resource screening reads: for Observations, those that contain one of
/// the LOINC codes the knowledge base binds to an analyte; for Procedures, one of its procedure codes (most
/// Observations of a real export are vital signs and surveys, most Procedures are not GI investigations, and
/// skipping them unparsed is most of the flattening's speed). A line that could hide a code behind a JSON escape
/// (<c>\u</c>) is always let through, so the filter never drops a resource the views would read.
/// </summary>
public sealed class CodePrefilter
{
    private readonly SearchValues<string> _codes;

    /// <summary>The codes as <see cref="LoincCodes.Key"/>s when every one has the LOINC shape (the analytes'), else null.</summary>
    private readonly HashSet<long>? _loinc;

    private CodePrefilter(IReadOnlyCollection<string> codes)
    {
        _codes = SearchValues.Create(codes.Select(c => $"\"{c}\"").Distinct().ToArray(), StringComparison.Ordinal);
        if (codes.All(LoincCodes.IsShaped))
        {
            _loinc = codes.Select(c => LoincCodes.TryKey(Encoding.ASCII.GetBytes(c), out var key) ? key : throw new InvalidOperationException(c)).ToHashSet();
        }
    }

    /// <summary>The filter for a file of <paramref name="resourceType"/>; null for types whose every line is read.</summary>
    public static CodePrefilter? For(string resourceType, KnowledgeBase knowledge)
    {
        var target = resourceType switch
        {
            "Observation" => CodeTarget.Analyte,
            "Procedure" => CodeTarget.Procedure,
            _ => (CodeTarget?)null,
        };
        return target is { } kind ? new CodePrefilter(knowledge.Codes.Bindings.Where(b => b.Target == kind).Select(b => b.Code).ToList()) : null;
    }

    /// <summary>Whether the line may hold a bound code (and so must be parsed): it holds one, or an escape (<c>\u</c>) that could hide one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MayMatch(ReadOnlySpan<byte> line)
    {
        if (_loinc is null)
        {
            return line.IndexOf("\\u"u8) >= 0 || MayMatchWidened(line);
        }

        // One pass over the line finds both an escape and the places a code may end.
        for (var at = NextStop(line, 0); at >= 0; at = NextStop(line, at + 1))
        {
            if (line[at] == '\\' || IsLoincEnd(line, at))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the line holds one of the quoted codes, searched in UTF-16 (the line widened first). The UTF-8 bytes
    /// of ASCII characters are the characters, and never part of another character's bytes, so a quoted code is in
    /// the line's bytes exactly when it is in its characters.
    /// </summary>
    internal bool MayMatchWidened(ReadOnlySpan<byte> line)
    {
        if (_chars.Length < line.Length)
        {
            _chars = new char[Math.Max(line.Length, _chars.Length * 2)];
        }

        var count = Encoding.UTF8.GetChars(line, _chars);
        return _chars.AsSpan(0, count).IndexOfAny(_codes) >= 0;
    }

    /// <summary>
    /// Whether a bound LOINC-shaped code (1 to 7 digits, a hyphen, a check digit) ends at the hyphen at
    /// <paramref name="hyphen"/> (followed by a digit and a quote): the digits before it, back to a quote, make the code looked up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsLoincEnd(ReadOnlySpan<byte> line, int hyphen)
    {
        long value = 0, scale = 1;
        var digits = 0;
        var at = hyphen - 1;
        for (; at >= 0 && digits <= LoincCodes.MaxDigits && char.IsAsciiDigit((char)line[at]); at--, digits++, scale *= 10)
        {
            value += (line[at] - '0') * scale;
        }

        return digits is > 0 and <= LoincCodes.MaxDigits && at >= 0 && line[at] == '"' && _loinc!.Contains(LoincCodes.Key(digits, value, line[hyphen + 1] - '0'));
    }

    /// <summary>
    /// The first place at or after <paramref name="from"/> where a quoted LOINC code may end (a hyphen followed by a
    /// digit and a quote) or an escape starts (a backslash followed by u), or -1: 32 positions at a time where the
    /// processor has 256-bit vectors (a line has a dozen hyphens, in ids and dates, and only its codes end this
    /// way), then one at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int NextStop(ReadOnlySpan<byte> line, int from)
    {
        var at = from;
        ref var first = ref MemoryMarshal.GetReference(line);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; at + Vector256<byte>.Count + 2 <= line.Length; at += Vector256<byte>.Count)
            {
                var here = Vector256.LoadUnsafe(ref first, (nuint)at);
                var next = Vector256.LoadUnsafe(ref first, (nuint)at + 1);
                var stops = (Vector256.Equals(here, Vector256.Create((byte)'-'))
                        & Vector256.LessThan(next - Vector256.Create((byte)'0'), Vector256.Create((byte)10))
                        & Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)at + 2), Vector256.Create((byte)'"')))
                    | (Vector256.Equals(here, Vector256.Create((byte)'\\')) & Vector256.Equals(next, Vector256.Create((byte)'u')));
                if (stops.ExtractMostSignificantBits() is var bits and not 0)
                {
                    return at + BitOperations.TrailingZeroCount(bits);
                }
            }
        }

        for (; at + 1 < line.Length; at++)
        {
            if ((line[at] == '\\' && line[at + 1] == 'u') || (at + 2 < line.Length && line[at] == '-' && char.IsAsciiDigit((char)line[at + 1]) && line[at + 2] == '"'))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>The line as UTF-16, reused from line to line (a filter serves one work item, on one thread).</summary>
    private char[] _chars = new char[4096];
}
