namespace Calfwise.Screening.Cluster;

/// <summary>
/// One work item of a screening job, run on whichever silo activates the grain (one grain per item and attempt, placed
/// at random). The job's folder must be one every silo reaches (the same machine, or a shared file system): the
/// steps write their results there, under temporary names renamed into place, so a retried item duplicates nothing.
/// </summary>
public interface IScreeningWorkGrain : IGrainWithStringKey
{
    /// <summary>Flattens a byte range of one export file into the job's patient buckets.</summary>
    Task Scan(ScanWork work);

    /// <summary>Assesses one bucket of patients on <see cref="AssessWork.AsOfDayNumber"/>.</summary>
    Task Assess(AssessWork work);
}

/// <summary>A scan item as sent to a silo.</summary>
[GenerateSerializer, Immutable]
public sealed record ScanWork(
    [property: Id(0)] string JobRoot,
    [property: Id(1)] int Index,
    [property: Id(2)] string Path,
    [property: Id(3)] string ResourceType,
    [property: Id(4)] long Length,
    [property: Id(5)] long Start,
    [property: Id(6)] long End,
    [property: Id(7)] int Buckets,
    [property: Id(8)] int AsOfDayNumber);

/// <summary>A bucket to assess as sent to a silo.</summary>
[GenerateSerializer, Immutable]
public sealed record AssessWork(
    [property: Id(0)] string JobRoot,
    [property: Id(1)] int Bucket,
    [property: Id(2)] int AsOfDayNumber,
    [property: Id(3)] int Buckets);
