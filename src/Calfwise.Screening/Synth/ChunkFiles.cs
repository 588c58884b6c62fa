namespace Calfwise.Screening.Synth;

/// <summary>The files of one numbered chunk of patients: one NDJSON file per resource type.</summary>
internal sealed class ChunkFiles : IDisposable
{
    /// <summary>The resource types written, in manifest order.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes = ["Patient", "Encounter", "Claim", "Observation", "Condition", "MedicationRequest", "Procedure"];

    public ChunkFiles(string directory, int chunk, bool gzip)
    {
        NdjsonFile Open(string type) => new(type, System.IO.Path.Combine(directory, FileName(type, chunk, gzip)), gzip);
        Patient = Open("Patient");
        Encounter = Open("Encounter");
        Claim = Open("Claim");
        Observation = Open("Observation");
        Condition = Open("Condition");
        MedicationRequest = Open("MedicationRequest");
        Procedure = Open("Procedure");
    }

    public NdjsonFile Patient { get; }

    public NdjsonFile Encounter { get; }

    public NdjsonFile Claim { get; }

    public NdjsonFile Observation { get; }

    public NdjsonFile Condition { get; }

    public NdjsonFile MedicationRequest { get; }

    public NdjsonFile Procedure { get; }

    public IReadOnlyList<NdjsonFile> All => [Patient, Encounter, Claim, Observation, Condition, MedicationRequest, Procedure];

    /// <summary><c>Observation.003.ndjson</c> (or <c>.ndjson.gz</c>).</summary>
    public static string FileName(string resourceType, int chunk, bool gzip) =>
        $"{resourceType}.{chunk:D3}.ndjson{(gzip ? ".gz" : "")}";

    public void Dispose()
    {
        foreach (var file in All)
        {
            file.Dispose();
        }
    }
}
