using System.Text.Json;
using Calfwise.Knowledge;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;
using Calfwise.Testing.Screening;

namespace Calfwise.Screening.Tests.Pipeline;

/// <summary>A bucket of more facts than a pass may hold is assessed in passes, with the same result as in one.</summary>
public sealed class AssessPassesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-passes-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(32L << 20, 1)]
    [InlineData((32L << 20) + 1, 2)]
    [InlineData(100L << 20, 4)]
    public void A_bucket_takes_a_pass_for_each_share_of_its_fact_bytes(long bytes, int passes) =>
        Assert.Equal(passes, AssessStep.PassesFor(bytes));

    [Fact]
    public void A_bucket_assessed_in_passes_writes_the_same_hits_and_counts_and_no_pass_holds_it_whole()
    {
        var export = Path.Combine(_root, "export");
        LabelledExport.Write(export);
        var plan = ScreeningJob.Plan(new ScreeningOptions(export, Path.Combine(_root, "out"), LabelledExport.AsOf, ChunkBytes: 4096));
        foreach (var item in plan.Items)
        {
            ScanStep.Run(item, plan.Job, plan.Buckets, ScreeningViews.Shipped, EmbeddedKnowledge.Instance, LabelledExport.AsOf);
        }

        var screener = new Screener(EmbeddedKnowledge.Instance, LabelledExport.AsOf);
        var whole = Assess(plan, screener, AssessStep.FactBytesPerPass);
        var files = plan.Job.BucketParts(0, plan.Buckets);
        var bytes = files.Sum(f => f.Length);
        var inPasses = Assess(plan, screener, bytes / 5);

        Assert.Equal(whole.Hits, inPasses.Hits);
        Assert.Equal(whole.Counts, inPasses.Counts);
        Assert.True(AssessStep.PassesFor(bytes, bytes / 5) >= 5);
        var all = Patients(files, 0, 1);
        var passes = Enumerable.Range(0, 5).Select(p => Patients(files, p, 5)).ToList();
        Assert.Equal(all.Order(StringComparer.Ordinal), passes.SelectMany(p => p).Order(StringComparer.Ordinal));
        Assert.All(passes, p => Assert.True(p.Count < all.Count / 2, $"{p.Count} of {all.Count} patients in one pass"));
    }

    /// <summary>The ids of the patients one pass over the bucket's files gathers.</summary>
    private static List<string> Patients(IReadOnlyList<BucketPart> files, int pass, int passes)
    {
        using var gathered = AssessStep.Gather(files, pass, passes);
        return gathered.Records.Select(r => r.PatientId).ToList();
    }

    /// <summary>Every bucket assessed afresh: each bucket's hits file, and the counts of all.</summary>
    private static (List<string> Hits, string Counts) Assess(ScreeningJob.JobPlan plan, Screener screener, long bytesPerPass)
    {
        var assessed = Path.GetDirectoryName(plan.Job.HitsFile(0))!;
        if (Directory.Exists(assessed))
        {
            Directory.Delete(assessed, recursive: true);
        }

        var counts = new AssessCounts();
        for (var bucket = 0; bucket < plan.Buckets; bucket++)
        {
            counts.Add(AssessStep.Run(bucket, plan.Buckets, plan.Job, screener, bytesPerPass));
        }

        var hits = Enumerable.Range(0, plan.Buckets).Select(b => Convert.ToHexString(File.ReadAllBytes(plan.Job.HitsFile(b)))).ToList();
        return (hits, Canonical(counts));
    }

    private static string Canonical(AssessCounts counts) => JsonSerializer.Serialize(new
    {
        counts.Patients,
        counts.PatientsWithHits,
        Screened = new SortedDictionary<string, long>(counts.Screened, StringComparer.Ordinal),
        NotScreened = new SortedDictionary<string, long>(counts.NotScreened, StringComparer.Ordinal),
        Hits = new SortedDictionary<string, long>(counts.Hits, StringComparer.Ordinal),
    });
}
