using Calfwise.Core.Knowledge;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;
using Orleans.Placement;

namespace Calfwise.Screening.Cluster;

/// <summary>Runs the embedded job's steps for one work item; the CPU-bound work runs off the grain's scheduler.</summary>
[RandomPlacement]
public sealed class ScreeningWorkGrain(KnowledgeBase knowledge, ScreeningViews views) : Grain, IScreeningWorkGrain
{
    public Task Scan(ScanWork work)
    {
        var item = new ScanItem(work.Index, new ExportFile(work.Path, work.ResourceType, work.Length), work.Start, work.End);
        return Task.Run(() => ScanStep.Run(item, new JobFolder(work.JobRoot), work.Buckets, views, knowledge, DateOnly.FromDayNumber(work.AsOfDayNumber)));
    }

    public Task Assess(AssessWork work) =>
        Task.Run(() => AssessStep.Run(work.Bucket, work.Buckets, new JobFolder(work.JobRoot), new Screener(knowledge, DateOnly.FromDayNumber(work.AsOfDayNumber))));
}
