using System.Buffers.Binary;

namespace Calfwise.Screening.Pipeline;

/// <summary>A run of one bucket's facts in a scan item's facts file: whole facts, <see cref="FactCodec"/>'s bytes.</summary>
public readonly record struct BucketPart(string File, long Offset, long Length);

/// <summary>
/// Where each bucket's facts are in a scan item's facts file (<see cref="JobFolder.FactsFile"/>): the item's index
/// file, written by <see cref="BucketSpool"/>. A private format of this program that lives only for one job: a header
/// ("CWBI", its version, the job's bucket count, the entry count), a table of where each bucket's entries start
/// (one more than the buckets: the last is the entry count), then one entry per run of a bucket's facts (offset and
/// length), ordered by bucket, then by offset (the order the facts were read in). A bucket's runs are read with two
/// small reads, so assessing a bucket costs the same whatever the export's size and nothing is kept between buckets.
/// </summary>
public static class BucketIndex
{
    public const int Version = 2;

    private const int HeaderBytes = 16;
    private const int EntryBytes = 16;
    private static readonly byte[] Magic = "CWBI"u8.ToArray();

    /// <summary>Writes an index of <paramref name="entries"/> (ordered by bucket, then offset) for a job of <paramref name="buckets"/> buckets.</summary>
    internal static void Write(string path, int buckets, IReadOnlyList<(int Bucket, long Offset, long Length)> entries)
    {
        var table = HeaderBytes;
        var first = table + ((buckets + 1) * 4);
        var bytes = new byte[first + (entries.Count * EntryBytes)];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), Version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), buckets);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), entries.Count);
        var next = 0;
        for (var bucket = 0; bucket <= buckets; bucket++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(table + (bucket * 4)), next);
            for (; next < entries.Count && entries[next].Bucket == bucket; next++)
            {
                var entry = bytes.AsSpan(first + (next * EntryBytes));
                BinaryPrimitives.WriteInt64LittleEndian(entry, entries[next].Offset);
                BinaryPrimitives.WriteInt64LittleEndian(entry[8..], entries[next].Length);
            }
        }

        if (next != entries.Count)
        {
            throw new ArgumentException($"entry {next} (bucket {entries[next].Bucket}) is out of order or out of range for {buckets} buckets", nameof(entries));
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// Adds the runs of <paramref name="bucket"/> named by the index at <paramref name="path"/> of the facts file
    /// <paramref name="facts"/> to <paramref name="parts"/>, in the order they were written, checking what it reads
    /// against the job's <paramref name="buckets"/> and the facts file's length: a damaged or foreign index is refused,
    /// naming the file.
    /// </summary>
    public static void AddParts(string path, string facts, int bucket, int buckets, List<BucketPart> parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bucket, buckets);
        InvalidDataException Bad(string what) => new($"{path}: {what}");
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (RandomAccess.Read(handle, header, 0) < HeaderBytes || !header[..4].SequenceEqual(Magic))
        {
            throw Bad("not a bucket index");
        }

        if (BinaryPrimitives.ReadInt32LittleEndian(header[4..]) is var version && version != Version)
        {
            throw Bad($"bucket index version {version}, this program reads version {Version}");
        }

        if (BinaryPrimitives.ReadInt32LittleEndian(header[8..]) is var written && written != buckets)
        {
            throw Bad($"scanned into {written} buckets, the job has {buckets}");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        var first = HeaderBytes + ((buckets + 1L) * 4);
        if (count < 0 || length != first + ((long)count * EntryBytes))
        {
            throw Bad($"{count} entries of {buckets} buckets do not fit its {length} bytes");
        }

        Span<byte> range = stackalloc byte[8];
        RandomAccess.Read(handle, range, HeaderBytes + (bucket * 4L));
        var (from, to) = (BinaryPrimitives.ReadInt32LittleEndian(range), BinaryPrimitives.ReadInt32LittleEndian(range[4..]));
        if (from < 0 || to < from || to > count)
        {
            throw Bad($"bucket {bucket}: entries {from} to {to} are not among its {count}");
        }

        if (from == to)
        {
            return;
        }

        var factsLength = new FileInfo(facts).Length;
        var entries = new byte[(to - from) * EntryBytes];
        RandomAccess.Read(handle, entries, first + ((long)from * EntryBytes));
        var end = 0L;
        for (var i = 0; i < to - from; i++)
        {
            var offset = BinaryPrimitives.ReadInt64LittleEndian(entries.AsSpan(i * EntryBytes));
            var runLength = BinaryPrimitives.ReadInt64LittleEndian(entries.AsSpan((i * EntryBytes) + 8));
            if (offset < end || runLength <= 0 || offset > factsLength - runLength)
            {
                throw Bad($"bucket {bucket}, entry {from + i}: bytes {offset} to {offset + runLength} are not in the {factsLength}-byte facts file after the run before");
            }

            end = offset + runLength;
            parts.Add(new BucketPart(facts, offset, runLength));
        }
    }
}
