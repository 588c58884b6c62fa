using System.Text;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// The working folder of one screening job. Each step writes its output under a temporary name and renames it into
/// place when complete, so a step that is retried (after a crash, or on another silo) replaces nothing and
/// duplicates nothing: the first complete result stands.
/// </summary>
public sealed class JobFolder(string root)
{
    public string Root { get; } = root;

    public string ScanDirectory(int item) => Path.Combine(Root, "scan", item.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A scan item's facts, a run of each bucket's after another (<see cref="BucketSpool"/>).</summary>
    public static string FactsFile(string scanDirectory) => Path.Combine(scanDirectory, "facts.bin");

    /// <summary>Where each bucket's runs are in <see cref="FactsFile"/> (<see cref="BucketIndex"/>).</summary>
    public static string IndexFile(string scanDirectory) => Path.Combine(scanDirectory, "buckets.idx");

    public string ScanCountsFile(int item) => Path.Combine(ScanDirectory(item), "counts.json");

    public bool IsScanned(int item) => Directory.Exists(ScanDirectory(item));

    /// <summary>
    /// The runs of <paramref name="bucket"/>'s facts in every completed scan item of a job of <paramref name="buckets"/>
    /// buckets, item by item (each read from the item's index: nothing is kept between buckets).
    /// </summary>
    public IReadOnlyList<BucketPart> BucketParts(int bucket, int buckets)
    {
        var parts = new List<BucketPart>();
        var scan = Path.Combine(Root, "scan");
        if (!Directory.Exists(scan))
        {
            return parts;
        }

        foreach (var directory in Directory.EnumerateDirectories(scan).Where(d => !Path.GetFileName(d).Contains('.', StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            BucketIndex.AddParts(IndexFile(directory), FactsFile(directory), bucket, buckets, parts);
        }

        return parts;
    }

    public string HitsFile(int bucket) => Path.Combine(Root, "assess", $"{bucket:D5}.bin");

    public string AssessCountsFile(int bucket) => Path.Combine(Root, "assess", $"{bucket:D5}.json");

    public bool IsAssessed(int bucket) => File.Exists(AssessCountsFile(bucket));

    /// <summary>A fresh temporary path beside <paramref name="final"/> (unique per attempt).</summary>
    public static string Temporary(string final) => $"{final}.{Guid.NewGuid():N}.tmp";

    /// <summary>Moves a completed temporary directory into place, unless an earlier attempt already did.</summary>
    public static void CommitDirectory(string temporary, string final)
    {
        try
        {
            Directory.Move(temporary, final);
        }
        catch (IOException) when (Directory.Exists(final))
        {
            Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>Moves a completed temporary file into place (a retry writes the same content, so replacing is harmless).</summary>
    public static void CommitFile(string temporary, string final) => File.Move(temporary, final, overwrite: true);
}

/// <summary>Which bucket a patient's facts go to: a stable hash of the id, the same in every process.</summary>
public static class Buckets
{
    /// <summary>About this much export per bucket, so a bucket's patients fit in memory whatever the export's size.</summary>
    public const long InputBytesPerBucket = 256L << 20;

    /// <summary>
    /// How many times its size a gzipped NDJSON file is once decompressed, for sizing the buckets by what they will
    /// hold: FHIR NDJSON compresses about 8 to 1 (calfwise synth: 9.4 KB a patient gzipped, 77 KB plain). Counting
    /// gzip files at their compressed size made buckets 8 times too big, and the assess step's memory grew with the
    /// export (docs/benchmarks.md, "Population screening").
    /// </summary>
    public const int GzipExpansion = 8;

    /// <summary>The bucket count for the work items of an export, by their NDJSON bytes (gzip files as decompressed).</summary>
    public static int CountFor(IEnumerable<ScanItem> items) =>
        CountFor(items.Sum(i => (i.End - i.Start) * (i.File.Gzip ? GzipExpansion : 1)));

    /// <summary>The bucket count for an export: at least 8 (work for every core), more as the export grows.</summary>
    public static int CountFor(long exportBytes) => (int)Math.Clamp((exportBytes + InputBytesPerBucket - 1) / InputBytesPerBucket, 8, 16384);

    /// <summary>
    /// The total buffer one process keeps for the buckets it handles together: a scan item's chunks of facts held by
    /// bucket (<see cref="BucketSpool"/>), the merge's readers of every assessed bucket. Split between the buckets (64 KB each up to 64 buckets, 4 KB each from
    /// 1,024), so the memory they take does not grow with the bucket count, that is with the export.
    /// </summary>
    public const int OpenFilesBufferBytes = 4 << 20;

    /// <summary>The buffer of each of <paramref name="count"/> buckets handled together (a scan item's chunk of facts, a merge's reader).</summary>
    public static int BufferBytes(int count) => Math.Clamp(OpenFilesBufferBytes / Math.Max(1, count), 4096, 1 << 16);

    /// <summary>A reader of one of <paramref name="count"/> assessed buckets' hits files read together (one buffer, <see cref="BufferBytes"/>).</summary>
    public static BinaryReader OpenReader(string path, int count) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes(count)));

    public static int Of(string patientId, int count) => (int)(Hash(patientId) % (uint)count);

    /// <summary>The bucket of a patient id given as its UTF-8 bytes: the same as of its string.</summary>
    public static int Of(ReadOnlySpan<byte> patientIdUtf8, int count)
    {
        if (!Ascii.IsValid(patientIdUtf8))
        {
            return Of(Encoding.UTF8.GetString(patientIdUtf8), count);
        }

        var hash = 2166136261u;
        foreach (var b in patientIdUtf8)
        {
            hash = (hash ^ b) * 16777619u; // an ASCII byte is its UTF-16 unit
        }

        return (int)(hash % (uint)count);
    }

    /// <summary>
    /// Which of <paramref name="passes"/> passes over its bucket assesses a patient (<see cref="AssessStep"/>). The
    /// bucket's hash is mixed first (MurmurHash3's finaliser): FNV-1a's low bits depend only on the characters' low
    /// bits, so the same hash modulo the pass count would put a bucket's patients in one pass when both counts are even.
    /// </summary>
    public static int PassOf(ReadOnlySpan<char> patientId, int passes)
    {
        var hash = Hash(patientId);
        hash = (hash ^ (hash >> 16)) * 0x85EBCA6Bu;
        hash = (hash ^ (hash >> 13)) * 0xC2B2AE35u;
        return (int)((hash ^ (hash >> 16)) % (uint)passes);
    }

    /// <summary>FNV-1a of the id's UTF-16 units: stable across processes.</summary>
    private static uint Hash(ReadOnlySpan<char> patientId)
    {
        var hash = 2166136261u;
        foreach (var c in patientId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
