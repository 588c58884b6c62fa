using System.Diagnostics;
using Calfwise.Core.Knowledge;
using Calfwise.Screening.Output;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;

namespace Calfwise.Screening;

/// <summary>What to screen, where to write it, and on which day.</summary>
/// <param name="Export">The bulk export's folder.</param>
/// <param name="Output">The folder the results go to (created; its work/ subfolder holds the steps' files while the job runs).</param>
/// <param name="AsOf">The day the screening is for ("the last year", "the last 30 days" count back from it).</param>
/// <param name="Workers">How many items run at once (default: one per core).</param>
/// <param name="ChunkBytes">The share of a large file one work item reads (default <see cref="BulkExport.ChunkBytes"/>).</param>
public sealed record ScreeningOptions(string Export, string Output, DateOnly AsOf, int? Workers = null, long ChunkBytes = BulkExport.ChunkBytes);

/// <summary>Where a job is: flattening (bytes of the export) or assessing (buckets), with the rows read so far.</summary>
public sealed record ScreeningProgress(string Phase, long Done, long Total, long Facts);

/// <summary>What a finished job found and wrote.</summary>
public sealed record ScreeningResult(ScanCounts Scan, AssessCounts Assess, long Rows, IReadOnlyList<string> Files, TimeSpan Elapsed);

/// <summary>
/// Population screening in one process (docs/screening.md): the export's files are cut into work items that are
/// flattened in parallel into patient buckets on disk, each bucket is assessed in parallel, and the sorted results
/// are merged into the outputs. Memory is bounded by one bucket per core, whatever the export's size. The cluster
/// runs the same steps (<see cref="ScanStep"/>, <see cref="AssessStep"/>, <see cref="WriteOutputs"/>) on many machines.
/// </summary>
public static class ScreeningJob
{
    public static async Task<ScreeningResult> RunAsync(ScreeningOptions options, KnowledgeBase knowledge, IProgress<ScreeningProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var plan = Plan(options);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Workers ?? Environment.ProcessorCount, CancellationToken = cancellation };
        var views = ScreeningViews.Shipped;
        var scan = new ScanCounts();
        long done = 0, facts = 0;
        var total = plan.Items.Sum(i => i.End - i.Start);
        Parallel.ForEach(plan.Items, parallel, item =>
        {
            var counts = ScanStep.Run(item, plan.Job, plan.Buckets, views, knowledge, options.AsOf, bytes =>
                progress?.Report(new ScreeningProgress("flatten", Interlocked.Add(ref done, bytes), total, Interlocked.Read(ref facts))));
            Interlocked.Add(ref facts, counts.Facts);
            lock (scan)
            {
                scan.Add(counts);
            }
        });

        var screener = new Screener(knowledge, options.AsOf);
        var assess = new AssessCounts();
        var assessed = 0L;
        Parallel.For(0, plan.Buckets, parallel, bucket =>
        {
            var counts = AssessStep.Run(bucket, plan.Buckets, plan.Job, screener);
            lock (assess)
            {
                assess.Add(counts);
            }

            progress?.Report(new ScreeningProgress("assess", Interlocked.Increment(ref assessed), plan.Buckets, facts));
        });

        // The scan's files are not read again: removed on every core while the outputs are merged on one (when a
        // million patients left some 99,000 files, removing them one by one was a serial tail of 20 s).
        // Not cancelled: once assessed, the job finishes and cleans up as it did when the removal came last.
        var removal = Task.Run(() => RemoveScanFolders(plan.Job, new ParallelOptions { MaxDegreeOfParallelism = parallel.MaxDegreeOfParallelism }), CancellationToken.None);
        (long Rows, IReadOnlyList<string> Files) written;
        try
        {
            written = await WriteOutputs(plan.Job, plan.Buckets, scan, assess, options, knowledge.Version);
        }
        finally
        {
            await removal;
        }

        var (rows, files) = written;
        Directory.Delete(plan.Job.Root, recursive: true);
        return new ScreeningResult(scan, assess, rows, files, clock.Elapsed);
    }

    private static void RemoveScanFolders(JobFolder job, ParallelOptions parallel)
    {
        var scan = Path.Combine(job.Root, "scan");
        if (Directory.Exists(scan))
        {
            Parallel.ForEach(Directory.GetDirectories(scan), parallel, folder => Directory.Delete(folder, recursive: true));
        }
    }

    /// <summary>The work of a job: its folder, its items and its bucket count (the same for every process that runs it).</summary>
    public sealed record JobPlan(JobFolder Job, IReadOnlyList<ScanItem> Items, int Buckets);

    public static JobPlan Plan(ScreeningOptions options)
    {
        var files = BulkExport.Discover(options.Export);
        var items = BulkExport.Plan(files, ScreeningViews.Shipped.ResourceTypes, options.ChunkBytes);
        Directory.CreateDirectory(options.Output);
        var job = new JobFolder(Path.Combine(options.Output, "work"));
        if (Directory.Exists(job.Root))
        {
            Directory.Delete(job.Root, recursive: true); // the remains of an earlier run: never mixed into this one
        }

        Directory.CreateDirectory(job.Root);
        return new JobPlan(job, items, Buckets.CountFor(items));
    }

    /// <summary>Merges the assessed buckets into screening.csv, screening.parquet, Group.ndjson, measure-report.json and summary.html.</summary>
    public static async Task<(long Rows, IReadOnlyList<string> Files)> WriteOutputs(JobFolder job, int buckets, ScanCounts scan, AssessCounts assess, ScreeningOptions options, string knowledgeVersion)
    {
        var csvPath = Path.Combine(options.Output, "screening.csv");
        var parquetPath = Path.Combine(options.Output, "screening.parquet");
        long rows = 0;
        using (var csv = new HitCsv(csvPath))
        {
            await using var parquet = new HitParquet(parquetPath);
            foreach (var row in HitMerge.Rows(job, buckets))
            {
                csv.Write(row);
                await parquet.WriteAsync(row);
                rows++;
            }
        }

        var groups = Path.Combine(options.Output, "Group.ndjson");
        ScreeningFhir.WriteGroups(groups, HitMerge.Rows(job, buckets), assess, job.Root);
        var report = Path.Combine(options.Output, "measure-report.json");
        ScreeningFhir.WriteMeasureReport(report, assess, options.AsOf);
        var summary = Path.Combine(options.Output, "summary.html");
        await File.WriteAllTextAsync(summary, SummaryHtml.Render(scan, assess, options.AsOf, knowledgeVersion));
        return (rows, [csvPath, parquetPath, groups, report, summary]);
    }
}
