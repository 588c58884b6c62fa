using Microsoft.Win32.SafeHandles;

namespace Calfwise.Screening.Pipeline;

/// <summary>A read-only stream of <paramref name="length"/> bytes of a file from <paramref name="offset"/>, read at their positions (no seeking shared with others).</summary>
internal sealed class FileRangeStream(SafeFileHandle handle, long offset, long length) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var wanted = (int)Math.Min(buffer.Length, length - _read);
        if (wanted <= 0)
        {
            return 0;
        }

        var read = RandomAccess.Read(handle, buffer[..wanted], offset + _read);
        if (read == 0)
        {
            throw new EndOfStreamException($"the file ends {length - _read} bytes before the run of facts its index names");
        }

        _read += read;
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
