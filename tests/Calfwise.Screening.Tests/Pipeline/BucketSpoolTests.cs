using Calfwise.Knowledge;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;
using Calfwise.Testing.Screening;

namespace Calfwise.Screening.Tests.Pipeline;

/// <summary>
/// A scan item's facts go to one facts file, a run of each bucket's after another, with an index of the runs: however
/// often the facts held spill to the file, every bucket reads back the same facts in the same order.
/// </summary>
public sealed class BucketSpoolTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-spool-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(1)] // a spill before every fact: a run per fact
    [InlineData(700)]
    [InlineData(4096)]
    public void Spilling_at_any_size_assesses_the_same_as_holding_an_item_whole(long spillBytes)
    {
        var (whole, wholePlan) = ScanAndAssess("whole", BucketSpool.SpillBytes);
        var (spilled, spilledPlan) = ScanAndAssess($"spilled-{spillBytes}", spillBytes);

        Assert.Equal(whole, spilled);
        var wholeRuns = Enumerable.Range(0, wholePlan.Buckets).Sum(b => wholePlan.Job.BucketParts(b, wholePlan.Buckets).Count);
        var spilledRuns = Enumerable.Range(0, spilledPlan.Buckets).Sum(b => spilledPlan.Job.BucketParts(b, spilledPlan.Buckets).Count);
        Assert.True(spilledRuns > wholeRuns, $"{spilledRuns} runs spilled against {wholeRuns} whole");
        for (var bucket = 0; bucket < wholePlan.Buckets; bucket++)
        {
            Assert.Equal(Facts(wholePlan.Job.BucketParts(bucket, wholePlan.Buckets)), Facts(spilledPlan.Job.BucketParts(bucket, spilledPlan.Buckets)));
        }
    }

    [Fact]
    public void An_item_writes_two_files_and_its_counts_whatever_the_bucket_count()
    {
        var (_, plan) = ScanAndAssess("files", BucketSpool.SpillBytes);

        Assert.True(plan.Buckets >= 8);
        foreach (var item in Directory.GetDirectories(Path.Combine(plan.Job.Root, "scan")))
        {
            Assert.Equal(["buckets.idx", "counts.json", "facts.bin"], Directory.GetFiles(item).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Spool_stream_gives_back_writes_that_cross_its_chunks_byte_for_byte()
    {
        var held = 0;
        var random = new Random(7);
        var expected = new MemoryStream();
        using var spool = new SpoolStream(new SpoolChunks(16), n => held += n);
        foreach (var size in new[] { 0, 1, 15, 16, 17, 3, 40, 1, 100 })
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            spool.Write(bytes);
            expected.Write(bytes);
        }

        spool.WriteByte(42);
        expected.WriteByte(42);
        var moved = new MemoryStream();
        spool.MoveTo(moved);

        Assert.Equal(expected.ToArray(), moved.ToArray());
        Assert.Equal((expected.Length + 15) / 16 * 16, held); // the chunks rented, counted toward a spill
        Assert.Equal(0, spool.Length);
    }

    [Fact]
    public void Spool_chunks_are_used_again_up_to_the_bytes_kept()
    {
        var pool = new SpoolChunks(1 << 20);
        var first = pool.Rent();
        pool.Return(first);
        Assert.Same(first, pool.Rent());

        var rented = Enumerable.Range(0, (int)(SpoolChunks.KeptBytes >> 20) + 3).Select(_ => pool.Rent()).ToList();
        rented.ForEach(pool.Return);
        var again = Enumerable.Range(0, rented.Count).Select(_ => pool.Rent()).ToList();
        Assert.Equal(SpoolChunks.KeptBytes >> 20, again.Count(c => rented.Contains(c)));
        Assert.All(again, c => Assert.Equal(1 << 20, c.Length));
    }

    [Theory]
    [InlineData("magic", "not a bucket index")]
    [InlineData("version", "version 9")]
    [InlineData("buckets", "scanned into 8 buckets, the job has 9")]
    [InlineData("count", "entries of 8 buckets do not fit")]
    [InlineData("table", "bucket 2: entries 0 to 7 are not among its 2")]
    [InlineData("past-end", "bytes 10 to 101 are not in the 100-byte facts file")]
    [InlineData("overlap", "bytes 5 to 95 are not in the 100-byte facts file after the run before")]
    public void A_damaged_or_foreign_index_is_refused_naming_the_file(string damage, string message)
    {
        var facts = Path.Combine(_root, "facts.bin");
        File.WriteAllBytes(facts, new byte[100]);
        var index = Path.Combine(_root, "buckets.idx");
        BucketIndex.Write(index, 8, [(2, 0, 10), (2, damage == "overlap" ? 5 : 10, damage == "past-end" ? 91 : 90)]);
        var bytes = File.ReadAllBytes(index);
        switch (damage)
        {
            case "magic":
                bytes[0] = (byte)'X';
                break;
            case "version":
                bytes[4] = 9;
                break;
            case "count":
                bytes[12] = 3;
                break;
            case "table":
                bytes[16 + (3 * 4)] = 7; // where bucket 3's entries start, so where bucket 2's end
                break;
        }

        File.WriteAllBytes(index, bytes);

        var e = Assert.Throws<InvalidDataException>(() => BucketIndex.AddParts(index, facts, 2, damage == "buckets" ? 9 : 8, []));
        Assert.Contains(index, e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_gives_each_bucket_its_runs_in_order_and_nothing_for_an_empty_one()
    {
        var facts = Path.Combine(_root, "facts.bin");
        File.WriteAllBytes(facts, new byte[100]);
        var index = Path.Combine(_root, "buckets.idx");
        BucketIndex.Write(index, 8, [(0, 50, 5), (2, 0, 10), (2, 60, 20), (2, 90, 10), (7, 10, 40)]);

        List<BucketPart> Parts(int bucket)
        {
            var parts = new List<BucketPart>();
            BucketIndex.AddParts(index, facts, bucket, 8, parts);
            return parts;
        }

        Assert.Equal([new BucketPart(facts, 0, 10), new BucketPart(facts, 60, 20), new BucketPart(facts, 90, 10)], Parts(2));
        Assert.Equal([new BucketPart(facts, 50, 5)], Parts(0));
        Assert.Equal([new BucketPart(facts, 10, 40)], Parts(7));
        Assert.Empty(Parts(1));
        Assert.Empty(Parts(6));
        Assert.Throws<ArgumentException>(() => BucketIndex.Write(index, 8, [(3, 0, 10), (2, 10, 10)]));
    }

    [Fact]
    public void A_damaged_run_of_facts_is_refused_naming_its_file_and_bytes()
    {
        var (_, plan) = ScanAndAssess("damaged", BucketSpool.SpillBytes);
        var parts = plan.Job.BucketParts(0, plan.Buckets);
        var part = parts[0];
        using (var file = new FileStream(part.File, FileMode.Open, FileAccess.Write))
        {
            file.Position = part.Offset;
            file.WriteByte(99); // no kind of fact
        }

        var e = Assert.Throws<InvalidDataException>(() => AssessStep.Gather(parts, 0, 1).Dispose());
        Assert.Contains($"{part.File}, bytes {part.Offset} to {part.Offset + part.Length}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_many_buckets_an_item_spills_by_the_chunks_it_holds_not_only_the_facts()
    {
        var export = Path.Combine(_root, "export");
        LabelledExport.Write(export);
        var plan = ScreeningJob.Plan(new ScreeningOptions(export, Path.Combine(_root, "many"), LabelledExport.AsOf));
        var item = plan.Items.First(i => i.File.ResourceType == "Observation");
        const int buckets = 4096; // 4 KB chunks: 64 of them reach 256 KB
        ScanStep.Run(item, plan.Job, buckets, ScreeningViews.Shipped, EmbeddedKnowledge.Instance, LabelledExport.AsOf, spillBytes: 256 << 10);

        var runs = Enumerable.Range(0, buckets).Select(b => plan.Job.BucketParts(b, buckets)).ToList();
        var facts = runs.Sum(r => r.Sum(p => p.Length));

        Assert.True(facts < 256 << 10, $"{facts} bytes of facts: counted by bytes written, they would not spill before the end");
        Assert.Contains(runs, r => r.Count > 1); // spilled before the end: by the chunks held
    }

    private (string Hits, ScreeningJob.JobPlan Plan) ScanAndAssess(string name, long spillBytes)
    {
        var export = Path.Combine(_root, "export");
        if (!Directory.Exists(export))
        {
            LabelledExport.Write(export);
        }

        var plan = ScreeningJob.Plan(new ScreeningOptions(export, Path.Combine(_root, name), LabelledExport.AsOf, ChunkBytes: 64 << 10));
        foreach (var item in plan.Items)
        {
            ScanStep.Run(item, plan.Job, plan.Buckets, ScreeningViews.Shipped, EmbeddedKnowledge.Instance, LabelledExport.AsOf, spillBytes: spillBytes);
        }

        var screener = new Screener(EmbeddedKnowledge.Instance, LabelledExport.AsOf);
        var hits = new List<string>();
        for (var bucket = 0; bucket < plan.Buckets; bucket++)
        {
            AssessStep.Run(bucket, plan.Buckets, plan.Job, screener);
            hits.Add(Convert.ToHexString(File.ReadAllBytes(plan.Job.HitsFile(bucket))));
        }

        return (string.Join('\n', hits), plan);
    }

    /// <summary>Each run's bytes read back through the ranges, concatenated.</summary>
    private static string Facts(IReadOnlyList<BucketPart> parts)
    {
        var all = new MemoryStream();
        foreach (var part in parts)
        {
            using var handle = File.OpenHandle(part.File);
            new FileRangeStream(handle, part.Offset, part.Length).CopyTo(all);
        }

        return Convert.ToHexString(all.ToArray());
    }
}
