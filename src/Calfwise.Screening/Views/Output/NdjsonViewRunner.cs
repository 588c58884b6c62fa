using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Calfwise.Screening.Views;

/// <summary>
/// Runs a view over FHIR Bulk Data export files (NDJSON, one resource a line, gzip allowed) and hands the rows to a
/// <see cref="ViewRowWriter"/> in batches. Input is bounded: a line over <see cref="MaxLineBytes"/> is an error,
/// and every error names the file and line.
/// </summary>
public static partial class NdjsonViewRunner
{
    /// <summary>
    /// The longest line accepted: 16 MiB. Real resources are kilobytes; the largest (a Bundle-sized
    /// DocumentReference with an inline attachment) stay well under this.
    /// </summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    private const int BatchRows = 8192;

    [GeneratedRegex("^[A-Z][A-Za-z]+$")]
    private static partial Regex ResourceTypeName();

    /// <summary>
    /// The export files in <paramref name="directory"/> a view of <paramref name="resource"/> reads: every *.ndjson
    /// and *.ndjson.gz, except those whose name begins with another resource type (Bulk Data names files
    /// Observation.ndjson or Observation.000.ndjson), in name order.
    /// </summary>
    public static IReadOnlyList<string> FilesFor(string directory, string resource) =>
        Directory.EnumerateFiles(directory)
            .Where(path => path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson.gz", StringComparison.OrdinalIgnoreCase))
            .Where(path => Path.GetFileName(path).Split('.')[0] is var type && (type == resource || !ResourceTypeName().IsMatch(type)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Runs <paramref name="view"/> over each file in turn; throws <see cref="NdjsonException"/> on bad input.</summary>
    public static async Task<ViewRunSummary> RunAsync(CompiledView view, IReadOnlyList<string> files, ViewRowWriter writer, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>(BatchRows);
        long resources = 0;
        long written = 0;
        foreach (var file in files)
        {
            await using var stream = Open(file);
            var reader = new NdjsonLineReader(stream, MaxLineBytes);
            while (ReadLine(reader, file, out var line))
            {
                if (IsBlank(line.Span))
                {
                    continue;
                }

                resources++;
                RunLine(view, line, file, reader.LineNumber, rows);
                if (rows.Count >= BatchRows)
                {
                    await writer.WriteAsync(rows, cancellationToken);
                    written += rows.Count;
                    rows.Clear();
                }
            }
        }

        await writer.WriteAsync(rows, cancellationToken);
        written += rows.Count;
        await writer.CompleteAsync(cancellationToken);
        return new ViewRunSummary(files.Count, resources, written);
    }

    private static Stream Open(string file)
    {
        Stream stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private static bool ReadLine(NdjsonLineReader reader, string file, out ReadOnlyMemory<byte> line)
    {
        try
        {
            return reader.TryReadLine(out line);
        }
        catch (LineTooLongException tooLong)
        {
            throw new NdjsonException(file, tooLong.Line, $"the line is longer than {MaxLineBytes / (1024 * 1024)} MiB; one resource a line is expected");
        }
        catch (InvalidDataException corrupt)
        {
            throw new NdjsonException(file, reader.LineNumber + 1, $"the gzip data is corrupt ({corrupt.Message})");
        }
    }

    private static void RunLine(CompiledView view, ReadOnlyMemory<byte> line, string file, long number, List<object?[]> rows)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException error)
        {
            throw new NdjsonException(file, number, $"not valid JSON ({error.Message}); one FHIR resource a line is expected");
        }

        using (document)
        {
            try
            {
                view.Run(document.RootElement, rows);
            }
            catch (ViewEvaluationException error)
            {
                throw new NdjsonException(file, number, error.Message);
            }
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;
}

/// <summary>What a run read and wrote.</summary>
public sealed record ViewRunSummary(int Files, long Resources, long Rows);

/// <summary>A line of an export that cannot be read or flattened, named by file and line.</summary>
public sealed class NdjsonException : Exception
{
    public NdjsonException(string file, long line, string problem)
        : base($"{file}:{line}: {problem}")
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    public long Line { get; }
}
