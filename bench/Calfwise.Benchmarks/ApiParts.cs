using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Core.Contracts;
using Calfwise.Core.Engine;
using Calfwise.Knowledge;

namespace Calfwise.Benchmarks;

/// <summary>
/// What each part of a POST /api/assessments costs, as CPU time of this process (not wall time, which other programs on a
/// shared machine stretch): <c>dotnet run -c Release --project bench/Calfwise.Benchmarks -- parts [PART]</c> (PART: only the parts whose name holds it, e.g. <c>assess</c>). Each part runs
/// <see cref="Calls"/> times after a warm-up; the least of <see cref="Rounds"/> rounds is printed with the bytes
/// allocated a call.
/// </summary>
internal static class ApiParts
{
    private const int Calls = 20_000;
    private const int Rounds = 5;

    private static string? Only { get; set; }

    public static void Run(string? only = null)
    {
        Only = only;
        var knowledge = EmbeddedKnowledge.Instance;
        var engine = new AssessmentEngine(knowledge);
        var body = Encoding.UTF8.GetBytes(SampleCases.RestlessLegsLowFerritin);
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(output, ContractJson.CompactWriter);
        var read = CaseJson.Read(body, knowledge, SampleCases.Today);
        var validated = read.IsValid ? read.Validated : throw new InvalidOperationException(string.Join("; ", read.Errors));
        var assessment = engine.Assess(validated);

        int Write(Assessment answer)
        {
            output.ResetWrittenCount();
            writer.Reset(output);
            CompactAnswer.Write(writer, answer, knowledge.Version);
            writer.Flush();
            return output.WrittenCount;
        }

        Console.WriteLine($"answer: {Write(assessment):N0} bytes; {Calls:N0} calls a round, least of {Rounds} rounds");
        Measure("read the case (UTF-8 body to a validated case)", () => CaseJson.Read(body, knowledge, SampleCases.Today).IsValid ? 1 : 0);
        Measure("assess the validated case", () => engine.Assess(validated).Differential.Count);
        Measure("map to the contract (Responses.From, not on the API's path)", () => Responses.From(assessment, knowledge.Version).Differential.Count);
        Measure("write the compact answer from the assessment", () => Write(assessment));
        Measure("the whole round trip", () =>
        {
            var again = CaseJson.Read(body, knowledge, SampleCases.Today);
            return again.IsValid ? Write(engine.Assess(again.Validated)) : 0;
        });
    }

    private static void Measure(string part, Func<int> call)
    {
        if (Only is { } only && !part.Contains(only, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        for (var i = 0; i < Calls; i++)
        {
            call();
        }

        var best = TimeSpan.MaxValue;
        var allocated = 0L;
        for (var round = 0; round < Rounds; round++)
        {
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < Calls; i++)
            {
                call();
            }

            var spent = Process.GetCurrentProcess().TotalProcessorTime - before;
            allocated = (GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / Calls;
            best = spent < best ? spent : best;
        }

        Console.WriteLine($"{part,-50} {best.TotalMicroseconds / Calls,7:F1} µs CPU {allocated,8:N0} B");
    }
}
