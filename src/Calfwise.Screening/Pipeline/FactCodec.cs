using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// The compact binary form facts take in the scan's facts files between flattening and assessment (a private format
/// of this program: the files live only for one job, their index is versioned, <see cref="BucketIndex"/>), read back
/// by <see cref="FactReader"/>.
/// </summary>
public static class FactCodec
{
    /// <summary>What a fact is: the byte it starts with.</summary>
    internal enum Kind : byte
    {
        Patient = 1,
        Lab = 2,
        Condition = 3,
        Medication = 4,
        Procedure = 5,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(BinaryWriter writer, string patientId, object fact)
    {
        switch (fact)
        {
            case PatientFact p:
                writer.Write((byte)Kind.Patient);
                writer.Write(patientId);
                writer.Write((sbyte)(p.Sex is { } sex ? (int)sex : -1));
                WriteDay(writer, p.BirthDate);
                writer.Write(p.BirthDateExact);
                writer.Write(p.Deceased);
                break;
            case LabFact l:
                WriteLab(writer, Encoding.UTF8.GetBytes(patientId), l.Analyte, l.Value, l.Unit, default, Encoding.UTF8.GetBytes(l.Source.Resource), l.Source.Date);
                break;
            case ConditionFact c:
                writer.Write((byte)Kind.Condition);
                writer.Write(patientId);
                writer.WriteList(c.Conditions);
                writer.WriteList(c.Findings);
                writer.Write(c.Pregnant);
                writer.Write(c.Active);
                WriteEvidence(writer, c.Source);
                break;
            case MedicationFact m:
                writer.Write((byte)Kind.Medication);
                writer.Write(patientId);
                writer.Write(m.Name);
                writer.WriteList(m.Classes);
                writer.Write(m.Active);
                WriteEvidence(writer, m.Source);
                break;
            case ProcedureFact x:
                writer.Write((byte)Kind.Procedure);
                writer.Write(patientId);
                writer.Write(x.Kind);
                WriteEvidence(writer, x.Source);
                break;
            default:
                throw new ArgumentException($"not a fact: {fact.GetType().Name}", nameof(fact));
        }
    }

    /// <summary>
    /// A <see cref="LabFact"/> written from UTF-8 bytes, as the scan writes a lab read straight off its line: the
    /// patient id, and the Observation's reference as <paramref name="resourceType"/> followed by
    /// <paramref name="resourceId"/> (no string made). The bytes are those <see cref="Write"/> writes for the fact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WriteLab(BinaryWriter writer, ReadOnlySpan<byte> patientId, string analyte, decimal value, string unit,
        ReadOnlySpan<byte> resourceType, ReadOnlySpan<byte> resourceId, DateOnly? day)
    {
        // Composed in one buffer and written at once: a write to the file's stream per field cost more than the fields.
        var analyteUtf8 = KnownText.Utf8(analyte);
        var unitUtf8 = KnownText.Utf8(unit);
        var size = 1 + (4 * 5) + patientId.Length + analyteUtf8.Length + 16 + unitUtf8.Length + resourceType.Length + resourceId.Length + 4;
        byte[]? rented = null;
        var buffer = size <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(size));
        buffer[0] = (byte)Kind.Lab;
        var at = 1;
        at += PutText(buffer[at..], patientId, default);
        at += PutText(buffer[at..], analyteUtf8, default);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits); // lo, mid, hi, flags: the order BinaryWriter.Write(decimal) writes
        foreach (var part in bits)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer[at..], part);
            at += 4;
        }

        at += PutText(buffer[at..], unitUtf8, default);
        at += PutText(buffer[at..], resourceType, resourceId);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[at..], day?.DayNumber ?? -1);
        writer.Write(buffer[..(at + 4)]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Text as <see cref="BinaryWriter.Write(string)"/> writes it, from two parts, put in <paramref name="to"/>; the bytes put.</summary>
    private static int PutText(Span<byte> to, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var length = (uint)(first.Length + second.Length);
        var at = 0;
        for (; length >= 0x80; length >>= 7)
        {
            to[at++] = (byte)(length | 0x80);
        }

        to[at++] = (byte)length;
        first.CopyTo(to[at..]);
        second.CopyTo(to[(at + first.Length)..]);
        return at + first.Length + second.Length;
    }

    /// <summary>The lab an Observation's streamed rows gave, written from the bytes of its line (its patient and its id).</summary>
    internal static void WriteLab(BinaryWriter writer, ViewRows rows, in FactMapper.LabReading lab) =>
        WriteLab(writer, rows.Utf8(0, "patient_id"), lab.Analyte.Id, lab.Value, lab.Unit.Code, "Observation/"u8, rows.Utf8(0, "id"), lab.Day);

    /// <summary>Text as <see cref="BinaryWriter.Write(string)"/> writes it (its UTF-8 length, 7-bit encoded, then the bytes), from two parts.</summary>
    private static void WriteText(BinaryWriter writer, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        writer.Write7BitEncodedInt(first.Length + second.Length);
        writer.Write(first);
        writer.Write(second);
    }

    private static void WriteDay(BinaryWriter writer, DateOnly? day) => writer.Write(day?.DayNumber ?? -1);

    private static void WriteEvidence(BinaryWriter writer, Evidence evidence)
    {
        writer.Write(evidence.Resource);
        WriteDay(writer, evidence.Date);
    }

    /// <summary>
    /// The UTF-8 of the few strings every lab repeats (analyte ids, unit codes: the knowledge base's own string
    /// objects), made once per thread and found by reference; other strings are encoded each time.
    /// </summary>
    private static class KnownText
    {
        private const int MaxKept = 1024;

        [ThreadStatic]
        private static Dictionary<string, byte[]>? _utf8;

        public static byte[] Utf8(string text)
        {
            var known = _utf8 ??= new Dictionary<string, byte[]>(ReferenceEqualityComparer.Instance);
            if (known.TryGetValue(text, out var utf8))
            {
                return utf8;
            }

            utf8 = Encoding.UTF8.GetBytes(text);
            if (known.Count < MaxKept)
            {
                known[text] = utf8;
            }

            return utf8;
        }
    }
}
