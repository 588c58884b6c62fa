namespace Calfwise.Screening.Synth;

/// <summary>How much unrelated data surrounds the clinical content.</summary>
public enum NoiseLevel
{
    /// <summary>A couple of encounters and vital signs per patient: small files for quick tests.</summary>
    Low,

    /// <summary>Many encounters, claims and vital signs per patient, as a real (Synthea-like) export has.</summary>
    Realistic,
}

/// <summary>
/// What to generate. The same options (seed and as-of date included) always give byte-identical files, whatever the
/// number of cores: each patient has its own random stream and the split into files depends only on the count.
/// </summary>
/// <param name="Patients">How many patients, from 1 to <see cref="MaxPatients"/>.</param>
/// <param name="Seed">The seed of every patient's random stream.</param>
/// <param name="AsOf">The day the export is taken: every date is before it, screening windows count back from it.</param>
public sealed record SynthOptions(int Patients, int Seed, DateOnly AsOf)
{
    /// <summary>The most patients one export may hold (a size limit, not a performance one: 10 million is tens of GB).</summary>
    public const int MaxPatients = 10_000_000;

    /// <summary>Patients per numbered file: large enough for few files, small enough to spread over cores.</summary>
    public const int DefaultPatientsPerFile = 10_000;

    public NoiseLevel Noise { get; init; } = NoiseLevel.Realistic;

    /// <summary>Write <c>.ndjson.gz</c> files instead of plain <c>.ndjson</c>.</summary>
    public bool Gzip { get; init; }

    /// <summary>Patients in each numbered file (Observation.000.ndjson holds the first so many).</summary>
    public int PatientsPerFile { get; init; } = DefaultPatientsPerFile;

    /// <summary>How many files are written at once; by default one per core. Does not change the output.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The number of numbered files of each resource type.</summary>
    public int FileCount => (int)(((long)Patients + PatientsPerFile - 1) / PatientsPerFile);
}
