using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// The lines of one work item: those that start inside its byte range (a line cut by the range's end belongs to the
/// item it starts in), or every line of a gzip file. Blank lines are skipped; a line longer than
/// <see cref="MaxLineBytes"/> is an error naming the file and where. The memory a line is handed in is valid until the next read.
/// </summary>
public sealed class NdjsonLines : IDisposable
{
    /// <summary>The longest resource line read (a Patient with a long history still fits; a runaway line does not).</summary>
    public const int MaxLineBytes = 16 << 20;

    private readonly Stream _stream;
    private readonly ScanItem _item;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    private int _start;
    private int _end;
    private long _offset;
    private long _line;
    private bool _eof;

    public NdjsonLines(ScanItem item)
    {
        _item = item;
        Stream file = new FileStream(item.File.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (item.File.Gzip)
        {
            _stream = new GZipStream(file, CompressionMode.Decompress);
            return;
        }

        _stream = file;
        if (item.Start > 0)
        {
            file.Seek(item.Start - 1, SeekOrigin.Begin);
            _offset = item.Start - 1;
            SkipPastNewline();
        }
    }

    /// <summary>Where the last line read is, for messages: its line number when the item starts the file, else its byte offset.</summary>
    public string Where => _item.Start == 0 ? $"{Path.GetFileName(_item.File.Path)} line {_line}" : $"{Path.GetFileName(_item.File.Path)} byte {_lastOffset}";

    private long _lastOffset;

    /// <summary>Bytes of the item read so far (of the compressed file for gzip: its progress is shown by lines).</summary>
    public long Position => _offset - _item.Start;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(out ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            if (!_item.File.Gzip && _offset >= _item.End)
            {
                line = default;
                return false;
            }

            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0 || (_eof && _start < _end))
            {
                var length = newline >= 0 ? newline : _end - _start;
                line = _buffer.AsMemory(_start, length);
                _lastOffset = _offset;
                _line++;
                var consumed = newline >= 0 ? length + 1 : length;
                _start += consumed;
                _offset += consumed;
                line = Trim(line);
                if (line.IsEmpty)
                {
                    continue;
                }

                return true;
            }

            if (_eof)
            {
                line = default;
                return false;
            }

            Fill();
        }
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        var start = 0;
        var end = span.Length;
        while (start < end && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            start++;
        }

        while (end > start && span[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            end--;
        }

        return line[start..end];
    }

    private void Fill()
    {
        if (_end - _start >= MaxLineBytes)
        {
            throw new ScreeningInputException($"{Path.GetFileName(_item.File.Path)} byte {_offset}: a line longer than {MaxLineBytes >> 20} MB (one resource per line is expected)");
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxLineBytes + 1));
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private void SkipPastNewline()
    {
        while (true)
        {
            Fill();
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                _offset += newline + 1;
                return;
            }

            _offset += _end - _start;
            _start = _end;
            if (_eof)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
