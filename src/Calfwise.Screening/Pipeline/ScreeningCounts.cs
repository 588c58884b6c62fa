using System.Text.Json.Serialization;

namespace Calfwise.Screening.Pipeline;

/// <summary>What flattening one work item read: lines by resource type, facts kept, what was skipped and why, lines that were not JSON.</summary>
public sealed class ScanCounts
{
    public Dictionary<string, long> Lines { get; init; } = new(StringComparer.Ordinal);

    public long Facts { get; set; }

    /// <summary>Skipped resources by "Type/Reason" (Observation/NotBound: most of a real export's observations).</summary>
    public Dictionary<string, long> Skipped { get; init; } = new(StringComparer.Ordinal);

    public long Malformed { get; set; }

    /// <summary>The first problems met, each naming the file and line or byte.</summary>
    public List<string> Problems { get; init; } = [];

    public const int MaxProblems = 20;

    public void Problem(string message)
    {
        Malformed++;
        if (Problems.Count < MaxProblems)
        {
            Problems.Add(message);
        }
    }

    public void Add(ScanCounts other)
    {
        foreach (var (type, n) in other.Lines)
        {
            Lines[type] = Lines.GetValueOrDefault(type) + n;
        }

        foreach (var (why, n) in other.Skipped)
        {
            Skipped[why] = Skipped.GetValueOrDefault(why) + n;
        }

        Facts += other.Facts;
        Malformed += other.Malformed;
        Problems.AddRange(other.Problems.Take(MaxProblems - Problems.Count));
    }
}

/// <summary>What assessing buckets found: the population screened by age band and sex, the hits per rule, who was not screened.</summary>
public sealed class AssessCounts
{
    /// <summary>Patients read, screened or not.</summary>
    public long Patients { get; set; }

    /// <summary>Screened patients by "band|sex" (for the denominators of the summary).</summary>
    public Dictionary<string, long> Screened { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Patients not screened by reason.</summary>
    public Dictionary<string, long> NotScreened { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Patients each rule found, by "rule|band|sex" (a patient counted once per rule).</summary>
    public Dictionary<string, long> Hits { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Patients with at least one hit.</summary>
    public long PatientsWithHits { get; set; }

    public void Add(AssessCounts other)
    {
        Patients += other.Patients;
        PatientsWithHits += other.PatientsWithHits;
        Merge(Screened, other.Screened);
        Merge(NotScreened, other.NotScreened);
        Merge(Hits, other.Hits);
    }

    private static void Merge(Dictionary<string, long> into, Dictionary<string, long> from)
    {
        foreach (var (key, n) in from)
        {
            into[key] = into.GetValueOrDefault(key) + n;
        }
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ScanCounts))]
[JsonSerializable(typeof(AssessCounts))]
internal sealed partial class CountsJson : JsonSerializerContext;
