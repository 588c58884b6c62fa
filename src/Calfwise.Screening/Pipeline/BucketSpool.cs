namespace Calfwise.Screening.Pipeline;

/// <summary>
/// The facts of one scan item by bucket, written to two files instead of one per bucket: each bucket's facts are held
/// in memory until the chunks holding them reach <see cref="SpillBytes"/> (with many buckets, mostly their last
/// chunks' free room), then appended to the item's facts file a bucket at a
/// time, each run recorded in the item's index (<see cref="BucketIndex"/>). A million patients made some 99,000
/// bucket files (one per item and bucket), whose creation, opening and removal took most of the run's system time; memory
/// stays bounded by <see cref="SpillBytes"/> (and one chunk) whatever the item's size or the bucket count.
/// </summary>
internal sealed class BucketSpool : IDisposable
{
    /// <summary>At most about this many bytes of chunks hold facts before they are appended to the facts file.</summary>
    public const long SpillBytes = 16L << 20;

    private readonly string _directory;
    private readonly long _spillBytes;
    private readonly SpoolStream?[] _streams;
    private readonly BinaryWriter?[] _writers;
    private readonly List<(int Bucket, long Offset, long Length)> _entries = [];
    private readonly SpoolChunks _chunks;
    private FileStream? _facts;
    private long _held;
    private bool _completed;

    public BucketSpool(string directory, int buckets, long spillBytes = SpillBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spillBytes, 1);
        _directory = directory;
        _spillBytes = spillBytes;
        _streams = new SpoolStream?[buckets];
        _writers = new BinaryWriter?[buckets];
        _chunks = SpoolChunks.For(buckets);
    }

    /// <summary>The job's bucket count.</summary>
    public int Buckets => _streams.Length;

    /// <summary>
    /// The writer of <paramref name="bucket"/>'s facts; a fact is written whole with it before the next call (the
    /// facts held are appended to the file here, between facts, so a run in the file never cuts one).
    /// </summary>
    public BinaryWriter Writer(int bucket)
    {
        if (_held >= _spillBytes)
        {
            Spill();
        }

        if (_writers[bucket] is { } writer)
        {
            return writer;
        }

        var stream = _streams[bucket] = new SpoolStream(_chunks, chunk => _held += chunk);
        return _writers[bucket] = new BinaryWriter(stream);
    }

    /// <summary>Appends what is held, then writes the index: both files complete.</summary>
    public void Complete()
    {
        _completed = true;
        Spill();
        _facts!.Flush(flushToDisk: false);
        BucketIndex.Write(JobFolder.IndexFile(_directory), _streams.Length, [.. _entries.OrderBy(e => e.Bucket)]); // stable: a bucket's runs stay in file order
    }

    /// <summary>Appends every bucket's facts held to the facts file (created at the first), a run per bucket.</summary>
    private void Spill()
    {
        _facts ??= new FileStream(JobFolder.FactsFile(_directory), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        for (var bucket = 0; bucket < _streams.Length; bucket++)
        {
            if (_streams[bucket] is { Length: > 0 } stream)
            {
                var offset = _facts.Position;
                var length = stream.Length;
                stream.MoveTo(_facts);
                _entries.Add((bucket, offset, length));
            }
        }

        _held = 0;
    }

    public void Dispose()
    {
        foreach (var writer in _writers)
        {
            writer?.Dispose(); // disposes its stream, which returns its chunks
        }

        try
        {
            _facts?.Dispose();
        }
        catch (IOException) when (!_completed)
        {
            // The item failed (a full disk...): the error that stopped it is the one to see; its folder is not committed.
        }
    }
}
