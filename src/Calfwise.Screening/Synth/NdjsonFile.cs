using System.Buffers;
using System.IO.Compression;
using System.Text.Json;

namespace Calfwise.Screening.Synth;

/// <summary>
/// One NDJSON file of the export, written as it goes: each resource is written by one reused
/// <see cref="Utf8JsonWriter"/> into a buffer and copied to a buffered (optionally gzipped) stream, one line each.
/// </summary>
internal sealed class NdjsonFile : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = false };

    private readonly Stream _file;
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public NdjsonFile(string resourceType, string path, bool gzip)
    {
        ResourceType = resourceType;
        Path = path;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _output = gzip ? new GZipStream(_file, CompressionLevel.Fastest) : _file;
        Json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    public string ResourceType { get; }

    public string Path { get; }

    /// <summary>Resources written so far.</summary>
    public long Count { get; private set; }

    /// <summary>The writer of the current resource; call <see cref="Begin"/> first and <see cref="End"/> after.</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>Starts a resource: its type and id.</summary>
    public Utf8JsonWriter Begin(string id)
    {
        Json.WriteStartObject();
        Json.WriteString(FhirNames.ResourceType, ResourceType);
        Json.WriteString(FhirNames.Id, id);
        return Json;
    }

    /// <summary>Ends the resource and writes it as one line.</summary>
    public void End()
    {
        Json.WriteEndObject();
        Json.Flush();
        _output.Write(_buffer.WrittenSpan);
        _output.WriteByte((byte)'\n');
        _buffer.ResetWrittenCount();
        Json.Reset(_buffer);
        Count++;
    }

    public void Dispose()
    {
        Json.Dispose();
        _output.Dispose();
        if (!ReferenceEquals(_output, _file))
        {
            _file.Dispose();
        }
    }
}
