namespace Calfwise.Screening.Pipeline;

/// <summary>
/// A write-only stream that keeps what is written in memory, in chunks of <see cref="SpoolChunks"/>, until it is copied
/// out and cleared (<see cref="MoveTo"/>). One holds a bucket's facts of a scan item until <see cref="BucketSpool"/>
/// appends them to the item's facts file.
/// </summary>
internal sealed class SpoolStream(SpoolChunks pool, Action<int> rented) : Stream
{
    private readonly int chunkBytes = pool.ChunkBytes;

    private readonly List<byte[]> _chunks = [];
    private int _filled; // bytes used in the last chunk
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _length += buffer.Length;
        while (!buffer.IsEmpty)
        {
            if (_chunks.Count == 0 || _filled == chunkBytes)
            {
                _chunks.Add(pool.Rent());
                rented(chunkBytes);
                _filled = 0;
            }

            var take = Math.Min(buffer.Length, chunkBytes - _filled);
            buffer[..take].CopyTo(_chunks[^1].AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Writes everything held to <paramref name="destination"/>, then holds nothing (the chunks go back to the pool).</summary>
    public void MoveTo(Stream destination)
    {
        for (var i = 0; i < _chunks.Count; i++)
        {
            destination.Write(_chunks[i], 0, i == _chunks.Count - 1 ? _filled : chunkBytes);
        }

        Clear();
    }

    /// <summary>Drops everything held and returns the chunks to the pool.</summary>
    public void Clear()
    {
        foreach (var chunk in _chunks)
        {
            pool.Return(chunk);
        }

        _chunks.Clear();
        _filled = 0;
        _length = 0;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Clear();
        }

        base.Dispose(disposing);
    }
}
