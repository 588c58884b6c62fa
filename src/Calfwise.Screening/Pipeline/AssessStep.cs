using System.Text.Json;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// Assesses one bucket: reads its facts from every scanned item, gathers them by patient, screens each patient and
/// writes the hits sorted, with the bucket's counts (both committed whole, so a retried bucket writes the same).
/// </summary>
public static class AssessStep
{
    /// <summary>
    /// At most this many bytes of facts (as written to the scan's facts files) are gathered in memory at once. A bucket of
    /// more is assessed in passes, each holding the patients of one share of it (<see cref="Buckets.PassOf"/>), so the
    /// memory of a bucket does not depend on how well the bucket count guessed its size from the export's bytes (facts
    /// take more than their file bytes in memory: the chunks of the file the <see cref="FactReader"/> keeps, and the
    /// facts in their records' lists; 1.7 times was measured when each fact was an object, an upper bound since). The
    /// synthetic exports' buckets held 8 to 17 MB before the scan left out the labs outside the rules' window, and
    /// hold less since.
    /// </summary>
    public const long FactBytesPerPass = 32L << 20;

    /// <summary>How many passes a bucket of <paramref name="factBytes"/> takes with at most <paramref name="bytesPerPass"/> a pass.</summary>
    public static int PassesFor(long factBytes, long bytesPerPass = FactBytesPerPass) =>
        (int)Math.Clamp((factBytes + bytesPerPass - 1) / bytesPerPass, 1, 65536);

    public static AssessCounts Run(int bucket, int buckets, JobFolder job, Screener screener, long bytesPerPass = FactBytesPerPass)
    {
        if (job.IsAssessed(bucket))
        {
            return ReadCounts(job, bucket);
        }

        var parts = job.BucketParts(bucket, buckets);
        var passes = PassesFor(parts.Sum(p => p.Length), bytesPerPass);
        var counts = new AssessCounts();
        var rows = new List<HitRow>();
        for (var pass = 0; pass < passes; pass++)
        {
            using var gathered = Gather(parts, pass, passes);
            counts.Patients += gathered.Records.Count;
            foreach (var record in gathered.Records)
            {
                Screen(screener.Screen(record), counts, rows);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(job.HitsFile(bucket))!);
        var hits = JobFolder.Temporary(job.HitsFile(bucket));
        using (var writer = new BinaryWriter(new BufferedStream(File.Create(hits), 1 << 16)))
        {
            // A stable sort: a patient's rows of one rule stay in the screener's order, whichever pass read the patient.
            foreach (var row in rows.Order(Comparer<HitRow>.Create(HitRow.Order)))
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

    /// <summary>
    /// The records of the patients of pass <paramref name="pass"/> of <paramref name="passes"/>, from every run of the
    /// bucket's facts: held by the reader returned, valid until it is disposed.
    /// </summary>
    internal static FactReader Gather(IReadOnlyList<BucketPart> parts, int pass, int passes)
    {
        var reader = new FactReader();
        try
        {
            for (var i = 0; i < parts.Count;)
            {
                // One handle for an item's runs; unbuffered: the reader reads straight into its own chunks.
                using var handle = File.OpenHandle(parts[i].File, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
                var file = parts[i].File;
                for (; i < parts.Count && parts[i].File == file; i++)
                {
                    try
                    {
                        reader.Read(new FileRangeStream(handle, parts[i].Offset, parts[i].Length), pass, passes);
                    }
                    catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
                    {
                        throw new InvalidDataException($"{file}, bytes {parts[i].Offset} to {parts[i].Offset + parts[i].Length}: {e.Message}", e);
                    }
                }
            }

            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Counts one patient's outcome and adds its hits to <paramref name="rows"/>.</summary>
    private static void Screen(ScreenedPatient screened, AssessCounts counts, List<HitRow> rows)
    {
        if (screened.NotScreened is { } why)
        {
            counts.NotScreened[why.ToString()] = counts.NotScreened.GetValueOrDefault(why.ToString()) + 1;
            return;
        }

        var key = CountKeys.Index(screened.Age, screened.Sex);
        var patientKey = CountKeys.Patient(key);
        counts.Screened[patientKey] = counts.Screened.GetValueOrDefault(patientKey) + 1;
        var hits = screened.Hits;
        if (hits.Count > 0)
        {
            counts.PatientsWithHits++;
        }

        for (var i = 0; i < hits.Count; i++)
        {
            rows.Add(HitRow.From(screened, hits[i]));
        }

        for (var i = 0; i < hits.Count; i++)
        {
            if (!RuleBefore(hits, i))
            {
                var ruleKey = CountKeys.Rule(hits[i].Rule, key);
                counts.Hits[ruleKey] = counts.Hits.GetValueOrDefault(ruleKey) + 1;
            }
        }
    }

    /// <summary>Whether a hit before the <paramref name="index"/>th is of a rule of the same id (a patient is counted once per rule).</summary>
    private static bool RuleBefore(IReadOnlyList<ScreeningHit> hits, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (string.Equals(hits[i].Rule.Id, hits[index].Rule.Id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The counts an assessed bucket wrote.</summary>
    public static AssessCounts ReadCounts(JobFolder job, int bucket) =>
        JsonSerializer.Deserialize(File.ReadAllText(job.AssessCountsFile(bucket)), CountsJson.Default.AssessCounts) ?? new AssessCounts();
}
