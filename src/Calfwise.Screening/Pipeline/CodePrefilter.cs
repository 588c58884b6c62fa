using System.Buffers;
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

    private CodePrefilter(IEnumerable<string> codes) =>
        _codes = SearchValues.Create(codes.Select(c => $"\"{c}\"").Distinct().ToArray(), StringComparison.Ordinal);

    /// <summary>The filter for a file of <paramref name="resourceType"/>; null for types whose every line is read.</summary>
    public static CodePrefilter? For(string resourceType, KnowledgeBase knowledge)
    {
        var target = resourceType switch
        {
            "Observation" => CodeTarget.Analyte,
            "Procedure" => CodeTarget.Procedure,
            _ => (CodeTarget?)null,
        };
        return target is { } kind ? new CodePrefilter(knowledge.Codes.Bindings.Where(b => b.Target == kind).Select(b => b.Code)) : null;
    }

    /// <summary>Whether the line may hold a bound LOINC code (and so must be parsed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MayMatch(ReadOnlySpan<byte> line)
    {
        if (line.IndexOf("\\u"u8) >= 0)
        {
            return true;
        }

        if (_chars.Length < line.Length)
        {
            _chars = new char[Math.Max(line.Length, _chars.Length * 2)];
        }

        var count = Encoding.UTF8.GetChars(line, _chars);
        return _chars.AsSpan(0, count).IndexOfAny(_codes) >= 0;
    }

    /// <summary>The line as UTF-16, reused from line to line (a filter serves one work item, on one thread).</summary>
    private char[] _chars = new char[4096];
}
