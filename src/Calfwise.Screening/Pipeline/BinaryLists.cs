using System.Buffers;
using System.Text;
using Calfwise.Screening.Views;

namespace Calfwise.Screening.Pipeline;

/// <summary>Lists of strings in the job's binary files (facts and hits): a count, then each string.</summary>
internal static class BinaryLists
{
    [ThreadStatic]
    private static Utf8Strings? _shared;

    [ThreadStatic]
    private static Utf8Lists? _sharedLists;

    /// <summary>The strings that repeat (patient ids, analytes, units, codes), each made once per thread.</summary>
    public static Utf8Strings SharedStrings => _shared ??= new Utf8Strings();

    /// <summary>
    /// The list <see cref="WriteList"/> wrote as <paramref name="utf8"/> (all its bytes, count first), the same list
    /// object for the same bytes on one thread: the few lists of conditions, findings and classes facts carry are
    /// shared by every fact that carries them (so never changed).
    /// </summary>
    public static IReadOnlyList<string> SharedList(ReadOnlySpan<byte> utf8) => (_sharedLists ??= new Utf8Lists()).Get(utf8);

    public static void WriteList(this BinaryWriter writer, IReadOnlyList<string> items)
    {
        writer.Write7BitEncodedInt(items.Count);
        foreach (var item in items)
        {
            writer.Write(item);
        }
    }

    public static string[] ReadList(this BinaryReader reader)
    {
        var items = new string[reader.Read7BitEncodedInt()];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = reader.ReadText(shared: true);
        }

        return items;
    }

    /// <summary>
    /// A string <see cref="BinaryWriter.Write(string)"/> wrote; one that repeats (a patient id, an analyte, a unit:
    /// <paramref name="shared"/>) is made once per thread and reused.
    /// </summary>
    public static string ReadText(this BinaryReader reader, bool shared)
    {
        var length = reader.Read7BitEncodedInt();
        var rented = length <= 256 ? null : ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var bytes = (rented ?? stackalloc byte[256])[..length];
            reader.BaseStream.ReadExactly(bytes);
            return shared ? SharedStrings.Get(bytes) : Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

/// <summary>
/// The lists of strings the facts files hold, each made once: a small cache with one place per hash of the list's bytes,
/// the last list seen there kept. Not thread-safe (one per thread).
/// </summary>
internal sealed class Utf8Lists
{
    private const int Size = 1 << 10;
    private const int Longest = 256;

    private readonly byte[]?[] _bytes = new byte[Size][];
    private readonly string[]?[] _lists = new string[Size][];

    public IReadOnlyList<string> Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8 is [0])
        {
            return [];
        }

        if (utf8.Length > Longest)
        {
            return Read(utf8);
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (Size - 1);
        if (_bytes[slot] is { } known && utf8.SequenceEqual(known))
        {
            return _lists[slot]!;
        }

        var made = Read(utf8);
        _bytes[slot] = utf8.ToArray();
        _lists[slot] = made;
        return made;
    }

    private static string[] Read(ReadOnlySpan<byte> utf8)
    {
        var cursor = new FactCursor(utf8, 0);
        var items = new string[cursor.Length()];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = BinaryLists.SharedStrings.Get(cursor.Text());
        }

        return items;
    }
}
