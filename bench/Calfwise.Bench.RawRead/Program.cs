using System.Diagnostics;
using System.IO.Compression;

// Calfwise.Bench.RawRead EXPORT_DIR
// Reads every *.ndjson and *.ndjson.gz file of a Bulk Data export (gzip decompressed) and counts its lines, on every
// core, one file a worker, as the screening reads them: the floor a screening run cannot go below, since it must at
// least read and decompress every byte. The lines are found, never parsed.
if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Calfwise.Bench.RawRead EXPORT_DIR  (a folder of *.ndjson or *.ndjson.gz files)");
    return 2;
}

var files = Directory.GetFiles(args[0], "*.ndjson").Concat(Directory.GetFiles(args[0], "*.ndjson.gz")).ToList();
var clock = Stopwatch.StartNew();
long lines = 0;
long bytes = 0;
Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
{
    var (fileLines, fileBytes) = CountLines(file);
    Interlocked.Add(ref lines, fileLines);
    Interlocked.Add(ref bytes, fileBytes);
});
Console.WriteLine($"{files.Count} files, {lines:N0} lines, {bytes / 1e6:N1} MB of NDJSON in {clock.Elapsed.TotalSeconds:F1} s");
return 0;

static (long Lines, long Bytes) CountLines(string path)
{
    using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
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
