using System.Diagnostics;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Knowledge;
using Calfwise.Screening;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;

namespace Calfwise.Benchmarks;

/// <summary>
/// What screening one patient costs, as CPU time of this process and bytes allocated on its thread:
/// <c>dotnet run -c Release --project bench/Calfwise.Benchmarks -- screen EXPORT [PATIENTS] [AS-OF]</c>. The export is
/// flattened once into a temporary job folder and its patients read into memory (not measured); then the whole screen of
/// a patient, the building of its case and the engine's assessment of the case are each run over the first
/// <c>PATIENTS</c> patients (all by default) in rounds, and the least round is printed per patient.
/// </summary>
internal static class ScreenParts
{
    private const int Rounds = 5;

    public static void Run(string export, int? patients, DateOnly asOf)
    {
        var knowledge = EmbeddedKnowledge.Instance;
        var records = Records(export, asOf, knowledge).Take(patients ?? int.MaxValue).ToList();
        var screener = new Screener(knowledge, asOf);
        var engine = new AssessmentEngine(knowledge);
        var cases = new List<ValidatedCase>();
        foreach (var record in records)
        {
            if (record is { HasPatient: true, Deceased: false, Sex: not null, BirthDate: not null }
                && RecordCase.Build(record, asOf, knowledge, RecordCase.Latest(record.Labs, asOf)) is { IsSuccess: true } built)
            {
                cases.Add(built.Value!);
            }
        }

        Console.WriteLine($"{records.Count:N0} patients, {cases.Count:N0} valid cases; least of {Rounds} rounds, per patient or case");
        Measure("screen a patient", records.Count, () =>
        {
            var hits = 0;
            foreach (var record in records)
            {
                hits += screener.Screen(record).Hits.Count;
            }

            return hits;
        });
        Measure("build the case (latest labs, validated)", records.Count, () =>
        {
            var valid = 0;
            foreach (var record in records)
            {
                if (record.Sex is not null && record.BirthDate is not null
                    && RecordCase.Build(record, asOf, knowledge, RecordCase.Latest(record.Labs, asOf)).IsSuccess)
                {
                    valid++;
                }
            }

            return valid;
        });
        Measure("engine: assess a validated case", cases.Count, () =>
        {
            var count = 0;
            foreach (var validated in cases)
            {
                count += engine.Assess(validated).Differential.Count;
            }

            return count;
        });
        Steps(cases, knowledge);
    }

    /// <summary>The public steps of an assessment on their own: what is left of its time is red flags, recommendations and triage.</summary>
    private static void Steps(List<ValidatedCase> cases, Core.Knowledge.KnowledgeBase knowledge)
    {
        var labs = new LabInterpreter(knowledge);
        var differential = new Differential(knowledge);
        var rls = new RlsCriteria(knowledge);
        var iron = new IronPlanner(knowledge);
        var read = cases.Select(labs.Interpret).ToList();
        var ranked = cases.Select((c, i) => differential.Rank(c, read[i])).ToList();
        Measure("  engine step: labs", cases.Count, () => Each(cases.Count, i => labs.Interpret(cases[i]).Count));
        Measure("  engine step: differential", cases.Count, () => Each(cases.Count, i => differential.Rank(cases[i], read[i]).Count));
        Measure("  engine step: restless legs criteria", cases.Count, () => Each(cases.Count, i => rls.Evaluate(cases[i], ranked[i]).Criteria.Count));
        Measure("  engine step: iron plan", cases.Count, () => Each(cases.Count, i => (int)iron.Plan(cases[i], read[i], null, null).Plan));
    }

    private static int Each(int count, Func<int, int> call)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += call(i);
        }

        return sum;
    }

    private static readonly List<FactReader> Readers = [];

    /// <summary>The export's patient records, flattened by the screening's own scan step.</summary>
    private static List<PatientRecord> Records(string export, DateOnly asOf, Core.Knowledge.KnowledgeBase knowledge)
    {
        var output = Path.Combine(Path.GetTempPath(), $"calfwise-screen-parts-{Environment.ProcessId}");
        try
        {
            var plan = ScreeningJob.Plan(new ScreeningOptions(export, output, asOf));
            foreach (var item in plan.Items)
            {
                ScanStep.Run(item, plan.Job, plan.Buckets, ScreeningViews.Shipped, knowledge, asOf);
            }

            // Each bucket's reader stays open (never disposed): its records' evidence points into its chunks.
            var records = new List<PatientRecord>();
            for (var bucket = 0; bucket < plan.Buckets; bucket++)
            {
                Readers.Add(AssessStep.Gather(plan.Job.BucketParts(bucket, plan.Buckets), 0, 1));
                records.AddRange(Readers[^1].Records);
            }

            return records;
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static void Measure(string part, int count, Func<int> round)
    {
        var check = round(); // warm-up, and the figure every round must give again
        var best = TimeSpan.MaxValue;
        var allocated = 0L;
        for (var i = 0; i < Rounds; i++)
        {
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            if (round() != check)
            {
                throw new InvalidOperationException($"{part}: a round gave another result than the first");
            }

            var spent = Process.GetCurrentProcess().TotalProcessorTime - before;
            allocated = (GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / count;
            best = spent < best ? spent : best;
        }

        Console.WriteLine($"{part,-42} {best.TotalMicroseconds / count,7:F2} µs CPU {allocated,8:N0} B   (check {check:N0})");
    }
}
