using System.IO.Compression;
using System.Text.Json;
using Calfwise.Screening.Synth;

namespace Calfwise.Screening.Tests.Synth;

/// <summary>An export read back: every resource of every file the manifest lists, by type.</summary>
internal sealed class ExportFiles
{
    private ExportFiles(JsonElement manifest, ILookup<string, JsonElement> resources)
    {
        Manifest = manifest;
        Resources = resources;
    }

    public JsonElement Manifest { get; }

    public ILookup<string, JsonElement> Resources { get; }

    public IEnumerable<JsonElement> Of(string type) => Resources[type];

    public static ExportFiles Read(string directory)
    {
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json"))).RootElement;
        var resources = new List<(string Type, JsonElement Resource)>();
        foreach (var output in manifest.GetProperty("output").EnumerateArray())
        {
            var type = output.GetProperty("type").GetString()!;
            var lines = Lines(Path.Combine(directory, output.GetProperty("url").GetString()!));
            Assert.Equal(output.GetProperty("count").GetInt64(), lines.Count);
            resources.AddRange(lines.Select(line => (type, JsonDocument.Parse(line).RootElement)));
        }

        return new ExportFiles(manifest, resources.ToLookup(r => r.Type, r => r.Resource));
    }

    public static List<string> Lines(string path)
    {
        using var file = File.OpenRead(path);
        using Stream input = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(input);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Writes an export into a new temporary folder and returns the folder.</summary>
    public static string Write(SynthOptions options)
    {
        var directory = Directory.CreateTempSubdirectory("calfwise-synth-").FullName;
        new SynthExport(Calfwise.Knowledge.EmbeddedKnowledge.Instance).Write(options, directory);
        return directory;
    }
}

/// <summary>One export of 2,000 patients shared by the tests that read it (low noise: the clinical content is the same).</summary>
public sealed class SynthExportFixture : IDisposable
{
    public static readonly DateOnly AsOf = new(2026, 12, 1);

    public SynthExportFixture()
    {
        Directory = ExportFiles.Write(new SynthOptions(2000, 11, AsOf) { Noise = NoiseLevel.Low, PatientsPerFile = 500 });
        Export = ExportFiles.Read(Directory);
        _patients = new Lazy<Dictionary<string, PatientRecord>>(() => PatientRecord.Read(Export));
    }

    private readonly Lazy<Dictionary<string, PatientRecord>> _patients;

    public string Directory { get; }

    internal ExportFiles Export { get; }

    /// <summary>The patients read back, by reference (Patient/id).</summary>
    internal Dictionary<string, PatientRecord> Patients => _patients.Value;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
