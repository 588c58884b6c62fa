using Calfwise.Screening.Pipeline;

namespace Calfwise.Screening.Output;

/// <summary>
/// Streams the hit rows of every assessed bucket in output order (a k-way merge of the sorted bucket files): memory does
/// not grow with the export (one row and one buffer of <see cref="Buckets.BufferBytes"/> a bucket, in all 4 MB at most up
/// to 1,024 buckets).
/// </summary>
public static class HitMerge
{
    public static IEnumerable<HitRow> Rows(JobFolder job, int buckets)
    {
        var readers = new List<BinaryReader>();
        try
        {
            var queue = new PriorityQueue<(HitRow Row, int Reader), HitRow>(Comparer<HitRow>.Create(HitRow.Order));
            for (var bucket = 0; bucket < buckets; bucket++)
            {
                var reader = Buckets.OpenReader(job.HitsFile(bucket), buckets);
                readers.Add(reader);
                if (HitCodec.Read(reader) is { } first)
                {
                    queue.Enqueue((first, readers.Count - 1), first);
                }
            }

            while (queue.TryDequeue(out var next, out _))
            {
                yield return next.Row;
                if (HitCodec.Read(readers[next.Reader]) is { } row)
                {
                    queue.Enqueue((row, next.Reader), row);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }
}
