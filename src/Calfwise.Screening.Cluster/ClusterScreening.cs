using Calfwise.Core.Knowledge;
using Calfwise.Screening.Pipeline;
using Microsoft.Extensions.Logging;

namespace Calfwise.Screening.Cluster;

/// <summary>
/// Runs a screening job over the cluster (docs/screening.md): plans it like the embedded job, sends every scan item
/// and then every bucket to a grain of its own, retries an item whose silo died or timed out on a fresh grain (so on
/// a live silo), and merges the outputs here. Totals equal a single-process run: every step is idempotent.
/// </summary>
public sealed class ClusterScreening(IClusterClient client, ILogger<ClusterScreening>? log = null)
{
    /// <summary>How often an item is tried before the job fails.</summary>
    public const int Attempts = 6;

    private int _retries;

    /// <summary>Attempts that failed and were tried again (a silo died, a call timed out), over every job this ran.</summary>
    public int Retries => Volatile.Read(ref _retries);

    public async Task<ScreeningResult> RunAsync(ScreeningOptions options, KnowledgeBase knowledge, IProgress<ScreeningProgress>? progress = null, CancellationToken cancellation = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plan = ScreeningJob.Plan(options with { ChunkBytes = Math.Min(options.ChunkBytes, ClusterSettings.ChunkBytes) });
        var job = plan.Job;
        var id = Guid.NewGuid().ToString("N");
        var parallel = Math.Max(2, options.Workers ?? 8);
        long facts = 0;
        var scanned = 0L;
        await ForEach(plan.Items, parallel, async (item, attempt) =>
        {
            await client.GetGrain<IScreeningWorkGrain>($"{id}/scan/{item.Index}/{attempt}")
                .Scan(new ScanWork(job.Root, item.Index, item.File.Path, item.File.ResourceType, item.File.Length, item.Start, item.End, plan.Buckets, options.AsOf.DayNumber));
            progress?.Report(new ScreeningProgress("flatten", Interlocked.Increment(ref scanned), plan.Items.Count, facts));
        }, cancellation);

        var scan = new ScanCounts();
        foreach (var item in plan.Items)
        {
            scan.Add(ScanStep.ReadCounts(job, item.Index));
        }

        facts = scan.Facts;
        var assessed = 0L;
        await ForEach(Enumerable.Range(0, plan.Buckets).ToList(), parallel, async (bucket, attempt) =>
        {
            await client.GetGrain<IScreeningWorkGrain>($"{id}/assess/{bucket}/{attempt}")
                .Assess(new AssessWork(job.Root, bucket, options.AsOf.DayNumber, plan.Buckets));
            progress?.Report(new ScreeningProgress("assess", Interlocked.Increment(ref assessed), plan.Buckets, facts));
        }, cancellation);

        var assess = new AssessCounts();
        for (var bucket = 0; bucket < plan.Buckets; bucket++)
        {
            assess.Add(AssessStep.ReadCounts(job, bucket));
        }

        var (rows, files) = await ScreeningJob.WriteOutputs(job, plan.Buckets, scan, assess, options, knowledge.Version);
        Directory.Delete(job.Root, recursive: true);
        return new ScreeningResult(scan, assess, rows, files, clock.Elapsed);
    }

    /// <summary>Runs every item, at most <paramref name="parallel"/> at once, each retried on failure with its attempt number.</summary>
    private async Task ForEach<T>(IReadOnlyList<T> items, int parallel, Func<T, int, Task> run, CancellationToken cancellation)
    {
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellation }, async (item, token) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await run(item, attempt);
                    return;
                }
                catch (Exception e) when (attempt < Attempts && e is not ScreeningInputException and not OperationCanceledException { CancellationToken.IsCancellationRequested: true })
                {
                    Interlocked.Increment(ref _retries);
                    log?.LogWarning("work item {Item}, attempt {Attempt} failed ({Error}); trying again on another grain", item, attempt, e.GetType().Name);
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), token);
                }
            }
        });
    }
}
