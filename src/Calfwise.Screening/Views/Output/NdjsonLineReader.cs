namespace Calfwise.Screening.Views;

/// <summary>
/// Reads an NDJSON stream line by line into one reused buffer (a line is only valid until the next is read), so a
/// multi-gigabyte export is read without a string per line, and a line longer than the limit is refused instead of
/// filling memory.
/// </summary>
internal sealed class NdjsonLineReader(Stream stream, int maxLineBytes)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>The number of the line last returned, from 1.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next line without its line end; false at the end of the stream.</summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Take(newline, newline + 1);
                return true;
            }

            if (_end - _start > maxLineBytes)
            {
                throw new LineTooLongException(LineNumber + 1);
            }

            if (_endOfStream)
            {
                if (_end > _start)
                {
                    line = Take(_end - _start, _end - _start);
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    private ReadOnlyMemory<byte> Take(int length, int consumed)
    {
        var line = _buffer.AsMemory(_start, length);
        if (line.Span.EndsWith((byte)'\r'))
        {
            line = line[..^1];
        }

        if (LineNumber == 0 && line.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            line = line[3..];
        }

        _start += consumed;
        LineNumber++;
        return line;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }
}

/// <summary>A line longer than the reader's limit.</summary>
internal sealed class LineTooLongException(long line) : Exception($"line {line} is too long")
{
    public long Line { get; } = line;
}
