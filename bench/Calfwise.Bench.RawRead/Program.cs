using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

// Calfwise.Bench.RawRead EXPORT_DIR [--parse]
// Reads every *.ndjson and *.ndjson.gz file of a Bulk Data export (gzip decompressed) and counts its lines, on every
// core, one file a worker, as the screening reads them: the floor a screening run cannot go below, since it must at
// least read and decompress every byte. The lines are found, never parsed; with --parse each line is also parsed
// into a JsonDocument (and nothing more), to show what parsing every line costs on top of reading it.
if (args.Length is < 1 or > 2 || !Directory.Exists(args[0]) || (args.Length == 2 && args[1] != "--parse"))
{
    Console.Error.WriteLine("usage: Calfwise.Bench.RawRead EXPORT_DIR [--parse]  (a folder of *.ndjson or *.ndjson.gz files)");
    return 2;
}

var parse = args.Length == 2;
var files = Directory.GetFiles(args[0], "*.ndjson").Concat(Directory.GetFiles(args[0], "*.ndjson.gz")).ToList();
var clock = Stopwatch.StartNew();
long lines = 0;
long bytes = 0;
Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
{
    var (fileLines, fileBytes) = parse ? ParseLines(file) : CountLines(file);
    Interlocked.Add(ref lines, fileLines);
    Interlocked.Add(ref bytes, fileBytes);
});
Console.WriteLine($"{files.Count} files, {lines:N0} lines, {bytes / 1e6:N1} MB of NDJSON in {clock.Elapsed.TotalSeconds:F1} s");
return 0;

static Stream Open(string path)
{
    var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    return path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
}

static (long Lines, long Bytes) CountLines(string path)
{
    using var stream = Open(path);
    var buffer = new byte[1 << 20];
    long lines = 0;
    long bytes = 0;
    int read;
    while ((read = stream.Read(buffer)) > 0)
    {
        lines += buffer.AsSpan(0, read).Count((byte)'\n');
        bytes += read;
    }

    return (lines, bytes);
}

static (long Lines, long Bytes) ParseLines(string path)
{
    using var stream = Open(path);
    var buffer = new byte[1 << 20];
    var filled = 0;
    long lines = 0;
    long bytes = 0;
    int read;
    while ((read = stream.Read(buffer.AsSpan(filled))) > 0)
    {
        bytes += read;
        filled += read;
        var start = 0;
        int end;
        while ((end = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n')) >= 0)
        {
            using (JsonDocument.Parse(buffer.AsMemory(start, end)))
            {
                lines++;
            }

            start += end + 1;
        }

        buffer.AsSpan(start, filled - start).CopyTo(buffer);
        filled -= start;
        if (filled == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2); // a line longer than the buffer
        }
    }

    return (lines, bytes);
}
