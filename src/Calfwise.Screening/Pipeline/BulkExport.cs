using System.Text.Json;

namespace Calfwise.Screening.Pipeline;

/// <summary>One NDJSON file of a bulk export and the resource type its lines hold.</summary>
public sealed record ExportFile(string Path, string ResourceType, long Length)
{
    public bool Gzip => Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A share of the export one worker flattens: a byte range of a file (gzip files are read whole).</summary>
public sealed record ScanItem(int Index, ExportFile File, long Start, long End);

/// <summary>
/// The files of a FHIR Bulk Data export (the Bulk Data Access IG's output: NDJSON, one resource per line, a file per
/// type or several, gzip accepted). The type of each file comes from the completion manifest (manifest.json) when
/// there is one, otherwise from the file name (Observation.ndjson, Observation.003.ndjson, Observation-2.ndjson.gz).
/// </summary>
public static class BulkExport
{
    /// <summary>The share of a large plain file one work item reads.</summary>
    public const long ChunkBytes = 32L << 20;

    public static IReadOnlyList<ExportFile> Discover(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new ScreeningInputException($"{directory}: no such directory (the folder of a bulk export's NDJSON files)");
        }

        var manifest = Path.Combine(directory, "manifest.json");
        var types = File.Exists(manifest) ? ManifestTypes(manifest) : [];
        var files = Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ndjson.gz", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => new ExportFile(f, types.GetValueOrDefault(Path.GetFileName(f)) ?? TypeFromName(Path.GetFileName(f)), new FileInfo(f).Length))
            .ToList();
        if (files.Count == 0)
        {
            throw new ScreeningInputException($"{directory}: no .ndjson or .ndjson.gz files (a bulk export writes one or more per resource type)");
        }

        return files;
    }

    /// <summary>The work items: plain files cut in ranges of <paramref name="chunkBytes"/>, gzip files whole; only the types screening reads.</summary>
    public static IReadOnlyList<ScanItem> Plan(IReadOnlyList<ExportFile> files, IReadOnlyCollection<string> types, long chunkBytes = ChunkBytes)
    {
        var items = new List<ScanItem>();
        foreach (var file in files.Where(f => types.Contains(f.ResourceType)))
        {
            if (file.Gzip)
            {
                items.Add(new ScanItem(items.Count, file, 0, file.Length));
                continue;
            }

            var start = 0L;
            do
            {
                items.Add(new ScanItem(items.Count, file, start, Math.Min(file.Length, start + chunkBytes)));
                start += chunkBytes;
            }
            while (start < file.Length);
        }

        return items;
    }

    /// <summary>The resource type a file name starts with: the letters before the first dot, dash or digit.</summary>
    public static string TypeFromName(string name)
    {
        var end = 0;
        while (end < name.Length && char.IsAsciiLetter(name[end]))
        {
            end++;
        }

        return name[..end];
    }

    private static Dictionary<string, string> ManifestTypes(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            if (document.RootElement.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in output.EnumerateArray())
                {
                    if (entry.TryGetProperty("type", out var type) && entry.TryGetProperty("url", out var url) && type.GetString() is { } t && url.GetString() is { } u)
                    {
                        types[Path.GetFileName(new Uri(new Uri("file:///export/"), u).LocalPath)] = t;
                    }
                }
            }

            return types;
        }
        catch (JsonException e)
        {
            throw new ScreeningInputException($"{path}: not a bulk export manifest ({e.Message})");
        }
    }
}

/// <summary>Input screening cannot read: the message names the file (and line or byte) and what is accepted.</summary>
public sealed class ScreeningInputException(string message) : Exception(message);
