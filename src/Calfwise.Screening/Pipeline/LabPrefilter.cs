using System.Buffers;
using System.Text;
using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// Lets through only the Observation lines that could be a lab result screening reads: those that contain one of
/// the LOINC codes the knowledge base binds (most Observations of a real export are vital signs, surveys and other
/// codes, and skipping them unparsed is most of the flattening's speed). A line that could hide a code behind a
/// JSON escape (<c>\u</c>) is always let through, so the filter never drops a result the views would read.
/// </summary>
public sealed class LabPrefilter
{
    private readonly SearchValues<string> _codes;

    public LabPrefilter(KnowledgeBase knowledge)
    {
        var codes = knowledge.Codes.Bindings.Where(b => b.Target == CodeTarget.Analyte && b.System == CodeSystem.Loinc).Select(b => $"\"{b.Code}\"").Distinct().ToArray();
        _codes = SearchValues.Create(codes, StringComparison.Ordinal);
    }

    /// <summary>Whether the line may hold a bound LOINC code (and so must be parsed).</summary>
    public bool MayMatch(ReadOnlySpan<byte> line)
    {
        if (line.IndexOf("\\u"u8) >= 0)
        {
            return true;
        }

        var rented = line.Length <= 4096 ? null : ArrayPool<char>.Shared.Rent(line.Length);
        try
        {
            Span<char> chars = rented ?? stackalloc char[4096];
            var count = Encoding.UTF8.GetChars(line, chars);
            return chars[..count].IndexOfAny(_codes) >= 0;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
