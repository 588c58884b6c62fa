using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Synth;

/// <summary>What one export wrote.</summary>
/// <param name="Files">Each non-empty file with its resource type and count, in manifest order.</param>
/// <param name="Scenarios">How many patients of each screening situation.</param>
public sealed record SynthResult(IReadOnlyList<ExportFile> Files, IReadOnlyDictionary<Scenario, long> Scenarios)
{
    public long Bytes => Files.Sum(f => f.Bytes);
}

/// <summary>One file of the export.</summary>
public sealed record ExportFile(string ResourceType, string FileName, long Count, long Bytes);

/// <summary>
/// Writes a synthetic FHIR R4 Bulk Data export (docs/screening.md, "Synthetic data"): numbered NDJSON files per
/// resource type and the <c>$export</c> completion manifest. Patients are made one at a time and written as they
/// go, chunk by chunk on every core, so a million patients take no more memory than one.
/// </summary>
public sealed class SynthExport(KnowledgeBase knowledge)
{
    private readonly LabCatalog _labs = new(knowledge);
    private readonly ClinicalCatalog _clinical = new(knowledge);

    /// <summary>Writes the export into <paramref name="directory"/>, which must exist and hold none of its files.</summary>
    /// <param name="options">What to make.</param>
    /// <param name="directory">Where the files go.</param>
    /// <param name="progress">Called with the number of patients written so far (from any thread, about every thousand).</param>
    /// <param name="cancellationToken">Stops between patients.</param>
    public SynthResult Write(SynthOptions options, string directory, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var generator = new PatientGenerator(new LabValues(_labs), _clinical, options);
        var written = 0L;
        var chunks = new (IReadOnlyList<ExportFile> Files, long[] Scenarios)[options.FileCount];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken };
        Parallel.For(0, options.FileCount, parallel, chunk =>
        {
            var first = (long)chunk * options.PatientsPerFile;
            var end = Math.Min(options.Patients, first + options.PatientsPerFile);
            var scenarios = new long[Enum.GetValues<Scenario>().Length];
            using (var files = new ChunkFiles(directory, chunk, options.Gzip))
            {
                for (var index = first; index < end; index++)
                {
                    scenarios[(int)generator.Generate(files, index)]++;
                    if ((index - first) % 1000 == 999 || index == end - 1)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        progress?.Invoke(Interlocked.Add(ref written, (index - first) % 1000 + 1));
                    }
                }

                chunks[chunk] = (files.All.Select(f => new ExportFile(f.ResourceType, System.IO.Path.GetFileName(f.Path), f.Count, 0)).ToList(), scenarios);
            }
        });

        var result = Finish(directory, chunks.SelectMany(c => c.Files).ToList());
        var totals = Enum.GetValues<Scenario>().ToDictionary(s => s, s => chunks.Sum(c => c.Scenarios[(int)s]));
        ExportManifest.Write(directory, options, result);
        return new SynthResult(result, totals);
    }

    /// <summary>Drops empty files and orders the rest by type then number, with their sizes.</summary>
    private static List<ExportFile> Finish(string directory, List<ExportFile> files)
    {
        foreach (var empty in files.Where(f => f.Count == 0))
        {
            File.Delete(Path.Combine(directory, empty.FileName));
        }

        var order = ChunkFiles.ResourceTypes.Select((type, i) => (type, i)).ToDictionary(x => x.type, x => x.i, StringComparer.Ordinal);
        return files.Where(f => f.Count > 0)
            .OrderBy(f => order[f.ResourceType]).ThenBy(f => f.FileName, StringComparer.Ordinal)
            .Select(f => f with { Bytes = new FileInfo(Path.Combine(directory, f.FileName)).Length })
            .ToList();
    }
}
