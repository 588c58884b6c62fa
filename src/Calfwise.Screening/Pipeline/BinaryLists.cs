using System.Buffers;
using System.Text;
using Calfwise.Screening.Views;

namespace Calfwise.Screening.Pipeline;

/// <summary>Lists of strings in the job's binary files (facts and hits): a count, then each string.</summary>
internal static class BinaryLists
{
    [ThreadStatic]
    private static Utf8Strings? _shared;

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
            return shared ? (_shared ??= new Utf8Strings()).Get(bytes) : Encoding.UTF8.GetString(bytes);
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
