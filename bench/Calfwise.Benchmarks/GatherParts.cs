using System.Diagnostics;
using System.Globalization;
using Calfwise.Knowledge;
using Calfwise.Screening;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;

namespace Calfwise.Benchmarks;

/// <summary>
/// What the assess phase of a population screening costs, as CPU time of this process and bytes allocated:
/// <c>dotnet run -c Release --project bench/Calfwise.Benchmarks -- gather EXPORT AS-OF [ROUNDS]</c>. The export is
/// scanned once into a temporary job folder (not measured); then, one bucket after another on one thread, each round
/// gathers every bucket's facts by patient (<c>gather</c>), and runs the whole assess step (<c>assess</c>: gather,
/// screen, write the hits). Each round's figures are printed, then the least and the median.
/// </summary>
internal static class GatherParts
{
    public static void Run(string export, DateOnly asOf, int rounds)
    {
        var knowledge = EmbeddedKnowledge.Instance;
        var output = Path.Combine(Path.GetTempPath(), $"calfwise-gather-{Guid.NewGuid():N}");
        try
        {
            var plan = ScreeningJob.Plan(new ScreeningOptions(export, output, asOf));
            Parallel.ForEach(plan.Items, item => ScanStep.Run(item, plan.Job, plan.Buckets, ScreeningViews.Shipped, knowledge, asOf));
            var files = Enumerable.Range(0, plan.Buckets).Select(b => plan.Job.BucketParts(b, plan.Buckets)).ToList();
            var bytes = files.SelectMany(f => f).Sum(p => p.Length);
            var screener = new Screener(knowledge, asOf);
            Console.WriteLine($"{plan.Buckets} buckets, {bytes / 1e6:N1} MB of facts; {rounds} rounds after a warm-up");

            var gather = new List<(double Ms, double Mb)>();
            var assess = new List<(double Ms, double Mb)>();
            for (var round = 0; round <= rounds; round++)
            {
                var patients = 0L;
                var g = Measure(() =>
                {
                    for (var bucket = 0; bucket < plan.Buckets; bucket++)
                    {
                        patients += Gather(files[bucket]);
                    }
                });
                var assessDirectory = Path.Combine(plan.Job.Root, "assess");
                if (Directory.Exists(assessDirectory))
                {
                    Directory.Delete(assessDirectory, recursive: true);
                }

                var a = Measure(() =>
                {
                    for (var bucket = 0; bucket < plan.Buckets; bucket++)
                    {
                        AssessStep.Run(bucket, plan.Buckets, plan.Job, screener);
                    }
                });
                Console.WriteLine($"round {round}{(round == 0 ? " (warm-up)" : "")}: {patients:N0} patients; gather {Print(g)}; assess {Print(a)}");
                if (round > 0)
                {
                    gather.Add(g);
                    assess.Add(a);
                }
            }

            Console.WriteLine($"gather: least {Print(Least(gather))}, median {Print(Median(gather))}");
            Console.WriteLine($"assess: least {Print(Least(assess))}, median {Print(Median(assess))}");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>Gathers one bucket's patients (one pass) and returns how many there were.</summary>
    private static int Gather(IReadOnlyList<BucketPart> files)
    {
        using var gathered = AssessStep.Gather(files, 0, 1);
        return gathered.Records.Count;
    }

    private static (double Ms, double Mb) Measure(Action part)
    {
        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        part();
        var spent = Process.GetCurrentProcess().TotalProcessorTime - before;
        return (spent.TotalMilliseconds, (GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / 1e6);
    }

    private static string Print((double Ms, double Mb) figure) =>
        string.Create(CultureInfo.InvariantCulture, $"{figure.Ms,6:F0} ms CPU {figure.Mb,7:F1} MB");

    private static (double, double) Least(List<(double Ms, double Mb)> figures) => (figures.Min(f => f.Ms), figures.Min(f => f.Mb));

    private static (double, double) Median(List<(double Ms, double Mb)> figures) =>
        (figures.Select(f => f.Ms).Order().ElementAt(figures.Count / 2), figures.Select(f => f.Mb).Order().ElementAt(figures.Count / 2));
}
