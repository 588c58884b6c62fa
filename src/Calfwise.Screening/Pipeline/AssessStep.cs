using System.Text.Json;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// Assesses one bucket: reads its facts from every scanned item, gathers them by patient, screens each patient and
/// writes the hits sorted, with the bucket's counts (both committed whole, so a retried bucket writes the same).
/// </summary>
public static class AssessStep
{
    public static AssessCounts Run(int bucket, JobFolder job, Screener screener)
    {
        if (job.IsAssessed(bucket))
        {
            return ReadCounts(job, bucket);
        }

        var records = new Dictionary<string, PatientRecord>(StringComparer.Ordinal);
        foreach (var file in job.BucketFiles(bucket))
        {
            using var reader = new BinaryReader(new BufferedStream(File.OpenRead(file), 1 << 16));
            while (FactCodec.Read(reader) is var (patientId, fact))
            {
                if (!records.TryGetValue(patientId, out var record))
                {
                    records[patientId] = record = new PatientRecord(patientId);
                }

                record.Add(fact);
            }
        }

        var counts = new AssessCounts { Patients = records.Count };
        var rows = new List<HitRow>();
        foreach (var record in records.Values)
        {
            var screened = screener.Screen(record);
            if (screened.NotScreened is { } why)
            {
                counts.NotScreened[why.ToString()] = counts.NotScreened.GetValueOrDefault(why.ToString()) + 1;
                continue;
            }

            var key = $"{HitRow.Band(screened.Age)}|{HitRow.SexId(screened.Sex)}";
            counts.Screened[key] = counts.Screened.GetValueOrDefault(key) + 1;
            if (screened.Hits.Count > 0)
            {
                counts.PatientsWithHits++;
            }

            rows.AddRange(screened.Hits.Select(hit => HitRow.From(screened, hit)));
            foreach (var rule in screened.Hits.Select(h => h.Rule.Id).Distinct(StringComparer.Ordinal))
            {
                var ruleKey = $"{rule}|{key}";
                counts.Hits[ruleKey] = counts.Hits.GetValueOrDefault(ruleKey) + 1;
            }
        }

        rows.Sort(HitRow.Order);
        Directory.CreateDirectory(Path.GetDirectoryName(job.HitsFile(bucket))!);
        var hits = JobFolder.Temporary(job.HitsFile(bucket));
        using (var writer = new BinaryWriter(new BufferedStream(File.Create(hits), 1 << 16)))
        {
            foreach (var row in rows)
            {
                HitCodec.Write(writer, row);
            }
        }

        JobFolder.CommitFile(hits, job.HitsFile(bucket));
        var countsFile = JobFolder.Temporary(job.AssessCountsFile(bucket));
        File.WriteAllText(countsFile, JsonSerializer.Serialize(counts, CountsJson.Default.AssessCounts));
        JobFolder.CommitFile(countsFile, job.AssessCountsFile(bucket));
        return counts;
    }

    /// <summary>The counts an assessed bucket wrote.</summary>
    public static AssessCounts ReadCounts(JobFolder job, int bucket) =>
        JsonSerializer.Deserialize(File.ReadAllText(job.AssessCountsFile(bucket)), CountsJson.Default.AssessCounts) ?? new AssessCounts();
}
