using System.Buffers.Binary;

namespace Calfwise.Screening.Pipeline;

/// <summary>A run of one bucket's facts in a scan item's facts file: whole facts, <see cref="FactCodec"/>'s bytes.</summary>
public readonly record struct BucketPart(string File, long Offset, long Length);

/// <summary>
/// Where each bucket's facts are in a scan item's facts file (<see cref="JobFolder.FactsFile"/>): the item's index
/// file, written by <see cref="BucketSpool"/>. A private format of this program that lives only for one job: a header
/// ("CWBI", its version, the job's bucket count, the entry count) and one entry per run of a bucket's facts (bucket,
/// offset, length), ordered by bucket, then by offset (the order the facts were read in).
/// </summary>
public sealed class BucketIndex
{
    public const int Version = 1;

    private const int HeaderBytes = 16;
    private const int EntryBytes = 20;
    private static readonly byte[] Magic = "CWBI"u8.ToArray();

    private readonly string _facts;
    private readonly int[] _buckets;
    private readonly long[] _offsets;
    private readonly long[] _lengths;

    private BucketIndex(string facts, int[] buckets, long[] offsets, long[] lengths)
    {
        _facts = facts;
        _buckets = buckets;
        _offsets = offsets;
        _lengths = lengths;
    }

    /// <summary>The runs of <paramref name="bucket"/>, in the order they were written, added to <paramref name="parts"/>.</summary>
    public void AddParts(int bucket, List<BucketPart> parts)
    {
        var at = Array.BinarySearch(_buckets, bucket);
        if (at < 0)
        {
            return;
        }

        while (at > 0 && _buckets[at - 1] == bucket)
        {
            at--;
        }

        for (; at < _buckets.Length && _buckets[at] == bucket; at++)
        {
            parts.Add(new BucketPart(_facts, _offsets[at], _lengths[at]));
        }
    }

    /// <summary>Writes an index of <paramref name="entries"/> (in the order of <see cref="BucketIndex"/>) for a job of <paramref name="buckets"/> buckets.</summary>
    internal static void Write(string path, int buckets, IReadOnlyList<(int Bucket, long Offset, long Length)> entries)
    {
        var bytes = new byte[HeaderBytes + (entries.Count * EntryBytes)];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), Version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), buckets);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = bytes.AsSpan(HeaderBytes + (i * EntryBytes));
            BinaryPrimitives.WriteInt32LittleEndian(entry, entries[i].Bucket);
            BinaryPrimitives.WriteInt64LittleEndian(entry[4..], entries[i].Offset);
            BinaryPrimitives.WriteInt64LittleEndian(entry[12..], entries[i].Length);
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// Reads the index at <paramref name="path"/> of the facts file <paramref name="facts"/>, checking it against the
    /// job's <paramref name="buckets"/> and the facts file's length: a damaged or foreign index is refused, naming the file.
    /// </summary>
    public static BucketIndex Read(string path, string facts, int buckets)
    {
        var bytes = File.ReadAllBytes(path);
        var factsLength = new FileInfo(facts).Length;
        InvalidDataException Bad(string what) => new($"{path}: {what}");
        if (bytes.Length < HeaderBytes || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw Bad("not a bucket index");
        }

        if (BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)) is var version && version != Version)
        {
            throw Bad($"bucket index version {version}, this program reads version {Version}");
        }

        if (BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)) is var written && written != buckets)
        {
            throw Bad($"scanned into {written} buckets, the job has {buckets}");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        if (count < 0 || bytes.Length != HeaderBytes + ((long)count * EntryBytes))
        {
            throw Bad($"{count} entries do not fit its {bytes.Length} bytes");
        }

        var (bucketOf, offsets, lengths) = (new int[count], new long[count], new long[count]);
        for (var i = 0; i < count; i++)
        {
            var entry = bytes.AsSpan(HeaderBytes + (i * EntryBytes));
            bucketOf[i] = BinaryPrimitives.ReadInt32LittleEndian(entry);
            offsets[i] = BinaryPrimitives.ReadInt64LittleEndian(entry[4..]);
            lengths[i] = BinaryPrimitives.ReadInt64LittleEndian(entry[12..]);
            if (bucketOf[i] < 0 || bucketOf[i] >= buckets || (i > 0 && bucketOf[i] < bucketOf[i - 1]))
            {
                throw Bad($"entry {i}: bucket {bucketOf[i]} out of range or out of order");
            }

            if (offsets[i] < 0 || lengths[i] <= 0 || offsets[i] > factsLength - lengths[i])
            {
                throw Bad($"entry {i}: bytes {offsets[i]} to {offsets[i] + lengths[i]} are not in the {factsLength}-byte facts file");
            }
        }

        return new BucketIndex(facts, bucketOf, offsets, lengths);
    }
}
