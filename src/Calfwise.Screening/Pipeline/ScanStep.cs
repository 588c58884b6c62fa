using System.Text.Json;
using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// Flattens one work item: each line through the view of its resource type, each fact into the bucket of its patient
/// (the item's folder holds its facts by bucket and their index, <see cref="BucketSpool"/>, and is committed whole). Lines that are not JSON are counted and named, not fatal.
/// Labs dated outside the window the rules read on <c>today</c> are counted and left out (<see cref="LabWindowPrefilter"/>).
/// </summary>
public static class ScanStep
{
    public static ScanCounts Run(ScanItem item, JobFolder job, int buckets, ScreeningViews views, KnowledgeBase knowledge, DateOnly today,
        Action<long>? progress = null, long spillBytes = BucketSpool.SpillBytes)
    {
        var final = job.ScanDirectory(item.Index);
        if (Directory.Exists(final))
        {
            return ReadCounts(job, item.Index);
        }

        var temporary = JobFolder.Temporary(final);
        Directory.CreateDirectory(temporary);
        var counts = new ScanCounts();
        var mapper = new FactMapper(knowledge);
        var readers = new Dictionary<string, ScreeningViews.Reader?>(StringComparer.Ordinal);
        var prefilter = CodePrefilter.For(item.File.ResourceType, knowledge);
        var type = item.File.ResourceType;
        var window = new LabWindowPrefilter(today);
        var dated = type == "Observation" ? window : null;
        var streaming = views.ReaderFor(type, mapper); // the lines of the file's own type, read without a JsonDocument
        using (var writers = new BucketSpool(temporary, buckets, spillBytes))
        {
            using var lines = new NdjsonLines(item);
            var reported = 0L;
            long filtered = 0, outside = 0, streamed = 0; // counted here, added to the counts at the end (two lookups a line saved)
            while (lines.TryRead(out var line))
            {
                if (prefilter is not null && !prefilter.MayMatch(line.Span))
                {
                    filtered++;
                    continue;
                }

                if (dated is not null && dated.IsOutside(line.Span))
                {
                    outside++;
                    continue;
                }

                if (streaming is not null && streaming.TryRead(line))
                {
                    streamed++;
                    if (type == "Observation")
                    {
                        RecordLab(streaming.Rows, mapper, window, counts, writers);
                    }
                    else
                    {
                        Record(type, streaming.MapRead(), window, counts, writers);
                    }
                }
                else
                {
                    Flatten(line, lines, counts, readers, views, mapper, window, writers);
                }

                if (progress is not null && lines.Position - reported >= 1 << 20)
                {
                    progress(lines.Position - reported);
                    reported = lines.Position;
                }
            }

            progress?.Invoke(Math.Max(0, (item.End - item.Start) - reported));
            Add(counts.Lines, type, filtered + outside + streamed);
            Add(counts.Skipped, SkipKeys.Of(type, SkipReason.NotBound), filtered);
            Add(counts.Skipped, SkipKeys.Of(type, SkipReason.OutsideLabWindow), outside);
            writers.Complete();
        }

        File.WriteAllText(Path.Combine(temporary, "counts.json"), JsonSerializer.Serialize(counts, CountsJson.Default.ScanCounts));
        JobFolder.CommitDirectory(temporary, final);
        return ReadCounts(job, item.Index);
    }

    private static void Flatten(ReadOnlyMemory<byte> line, NdjsonLines lines, ScanCounts counts, Dictionary<string, ScreeningViews.Reader?> readers,
        ScreeningViews views, FactMapper mapper, LabWindowPrefilter window, BucketSpool writers)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            counts.Problem($"{lines.Where}: not JSON ({e.Message})");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType", out var typeElement) || typeElement.GetString() is not { } type)
            {
                counts.Problem($"{lines.Where}: not a FHIR resource (no resourceType)");
                return;
            }

            counts.Lines[type] = counts.Lines.GetValueOrDefault(type) + 1;
            if (!readers.TryGetValue(type, out var reader))
            {
                readers[type] = reader = views.ReaderFor(type, mapper);
            }

            if (reader is null)
            {
                return;
            }

            Record(type, reader.Map(root), window, counts, writers);
        }
    }

    /// <summary>A fact into the bucket of its patient, or the reason there is none into the counts.</summary>
    private static void Record(string type, FactMapper.Mapped mapped, LabWindowPrefilter window, ScanCounts counts, BucketSpool writers)
    {
        if (mapped.Fact is Population.LabFact lab && !window.Reads(lab.Date))
        {
            mapped = FactMapper.Mapped.Skip(SkipReason.OutsideLabWindow);
        }

        if (mapped.Fact is null || mapped.PatientId is null)
        {
            var why = SkipKeys.Of(type, mapped.Skipped ?? SkipReason.NotBound);
            counts.Skipped[why] = counts.Skipped.GetValueOrDefault(why) + 1;
            return;
        }

        FactCodec.Write(writers.Writer(Buckets.Of(mapped.PatientId, writers.Buckets)), mapped.PatientId, mapped.Fact);
        counts.Facts++;
    }

    /// <summary>
    /// The lab of an Observation the streaming reader read into <paramref name="rows"/>, written into the bucket of its
    /// patient straight from the line's bytes (the same bytes <see cref="Record"/> writes for its <see cref="Population.LabFact"/>).
    /// </summary>
    private static void RecordLab(ViewRows rows, FactMapper mapper, LabWindowPrefilter window, ScanCounts counts, BucketSpool writers)
    {
        var lab = default(FactMapper.LabReading);
        if ((rows.Count == 0 ? SkipReason.NotBound : mapper.ReadLab(rows, out lab)
                ?? (window.Reads(lab.Day) ? null : SkipReason.OutsideLabWindow)) is { } why)
        {
            var skipped = SkipKeys.Of("Observation", why);
            counts.Skipped[skipped] = counts.Skipped.GetValueOrDefault(skipped) + 1;
            return;
        }

        FactCodec.WriteLab(writers.Writer(Buckets.Of(rows.Utf8(0, "patient_id"), writers.Buckets)), rows, lab);
        counts.Facts++;
    }

    private static void Add(Dictionary<string, long> counts, string key, long count)
    {
        if (count > 0)
        {
            counts[key] = counts.GetValueOrDefault(key) + count;
        }
    }

    /// <summary>The counts a completed scan item wrote.</summary>
    public static ScanCounts ReadCounts(JobFolder job, int item) =>
        JsonSerializer.Deserialize(File.ReadAllText(job.ScanCountsFile(item)), CountsJson.Default.ScanCounts) ?? new ScanCounts();
}

/// <summary>The counts' key of a resource type and a reason for skipping it (<c>Observation/NotBound</c>), made once.</summary>
internal static class SkipKeys
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, SkipReason), string> Keys = new();

    public static string Of(string type, SkipReason why) => Keys.GetOrAdd((type, why), static k => $"{k.Item1}/{k.Item2}");
}
