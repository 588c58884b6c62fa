using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Contracts;

/// <summary>
/// A condition of the differential in compact JSON from parts encoded once: its id, name, prior and triage are the
/// same in every answer, only the probability (rounded to 4 places) and which evidence applies change. The condition is
/// put together in a pooled buffer (encoded prefix, the probability's digits, encoded middle, the shared evidence's
/// bytes) and written as one raw value, byte for byte what the serializer writes for <see cref="Responses.Condition"/>
/// (CompactAnswerTests). The writer must be a compact one (<see cref="ContractJson.IsCompact"/>).
/// </summary>
internal sealed class ConditionParts
{
    /// <summary>Conditions come from the knowledge base, a few dozen; past this many (another knowledge base in a test) new ones are written field by field.</summary>
    private const int MaxConditions = 1024;

    private static readonly ConcurrentDictionary<string, ConditionParts> ById = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static byte[][]? _evidence; // the encoded evidence of the condition being written (shared arrays, never changed)

    private readonly string _name;
    private readonly double _prior;
    private readonly TriageLevel _triage;
    private readonly byte[] _prefix; // {"condition":"…","name":"…","probability":
    private readonly byte[] _middle; // ,"prior":…,"triage":"…","evidence":

    private ConditionParts(ConditionResult condition)
    {
        _name = condition.Name;
        _prior = condition.Prior;
        _triage = condition.Triage;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ContractJson.CompactWriter))
        {
            writer.WriteStartObject();
            writer.WriteString(CompactAnswer.Condition, condition.Id);
            writer.WriteString(CompactAnswer.ConditionName, condition.Name);
            writer.WriteNumber(CompactAnswer.Probability, 0);
            writer.WriteNumber(CompactAnswer.Prior, condition.Prior);
            writer.WriteString(CompactAnswer.Triage, condition.Triage.ToId());
            writer.WritePropertyName(CompactAnswer.Evidence);
            writer.WriteStartArray();
        }

        // The written text is …"probability":0,"prior":…,"evidence":[ ; cut it around the 0 and drop the [.
        var text = buffer.WrittenSpan;
        var probability = text.IndexOf("\"probability\":0,"u8) + "\"probability\":".Length;
        _prefix = text[..probability].ToArray();
        _middle = text[(probability + 1)..^1].ToArray();
    }

    /// <summary>Writes the condition from its parts when it can be done exactly; false when it must be written field by field.</summary>
    public static bool TryWrite(Utf8JsonWriter writer, ConditionResult condition)
    {
        if (!FourPlaces.TryFormat(Responses.Probability(condition), out var digits, out var length) || Parts(condition) is not { } parts)
        {
            return false;
        }

        var evidence = condition.Evidence;
        var encoded = _evidence is { } scratch && scratch.Length >= evidence.Count ? scratch : _evidence = new byte[Math.Max(evidence.Count, 32)][];
        var size = parts._prefix.Length + length + parts._middle.Length + 3;
        for (var i = 0; i < evidence.Count; i++)
        {
            var bytes = Responses.Evidence.Encoded(evidence[i]);
            encoded[i] = bytes;
            size += bytes.Length + 1;
        }

        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var span = rented.AsSpan();
            var at = Copy(parts._prefix, span, 0);
            at = Copy(digits.AsSpan(0, length), span, at);
            at = Copy(parts._middle, span, at);
            span[at++] = (byte)'[';
            for (var i = 0; i < evidence.Count; i++)
            {
                if (i > 0)
                {
                    span[at++] = (byte)',';
                }

                at = Copy(encoded[i], span, at);
            }

            span[at++] = (byte)']';
            span[at++] = (byte)'}';
            writer.WriteRawValue(span[..at], skipInputValidation: true);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ConditionParts? Parts(ConditionResult condition)
    {
        if (ById.TryGetValue(condition.Id, out var parts) && parts.Fits(condition))
        {
            return parts;
        }

        if (ById.Count >= MaxConditions && parts is null)
        {
            return null;
        }

        parts = new ConditionParts(condition);
        ById[condition.Id] = parts;
        return parts;
    }

    private bool Fits(ConditionResult condition) =>
        string.Equals(_name, condition.Name, StringComparison.Ordinal) && _prior.Equals(condition.Prior) && _triage == condition.Triage;

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to, int at)
    {
        from.CopyTo(to[at..]);
        return at + from.Length;
    }
}
