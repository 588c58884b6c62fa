namespace Calfwise.Screening.Pipeline;

/// <summary>Lists of strings in the job's binary files (facts and hits): a count, then each string.</summary>
internal static class BinaryLists
{
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
            items[i] = reader.ReadString();
        }

        return items;
    }
}
