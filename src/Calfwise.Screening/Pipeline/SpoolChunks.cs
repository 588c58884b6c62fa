using System.Collections.Concurrent;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// Chunks of one size kept for the spools of every scan item (<see cref="BucketSpool"/>): a spool holds up to 16 MB
/// of them at a time and hands them all back when it spills, so they are used again instead of being allocated afresh
/// (the shared array pool keeps a few dozen of a size; the rest were new arrays that lived long enough for the
/// collector to copy them). At most <see cref="KeptBytes"/> are kept between uses.
/// </summary>
internal sealed class SpoolChunks(int chunkBytes)
{
    public const long KeptBytes = 64L << 20;

    private readonly ConcurrentStack<byte[]> _free = new();
    private int _count;

    public int ChunkBytes => chunkBytes;

    /// <summary>The pool of the chunk size of a job of <paramref name="buckets"/> buckets.</summary>
    public static SpoolChunks For(int buckets)
    {
        var size = Buckets.BufferBytes(buckets);
        var pool = _last;
        if (pool?.ChunkBytes != size)
        {
            _last = pool = new SpoolChunks(size); // a job of another size: its own chunks
        }

        return pool;
    }

    private static SpoolChunks? _last;

    public byte[] Rent()
    {
        if (_free.TryPop(out var chunk))
        {
            Interlocked.Decrement(ref _count);
            return chunk;
        }

        return GC.AllocateUninitializedArray<byte>(chunkBytes);
    }

    public void Return(byte[] chunk)
    {
        if ((long)Volatile.Read(ref _count) * chunkBytes < KeptBytes)
        {
            Interlocked.Increment(ref _count);
            _free.Push(chunk);
        }
    }
}
