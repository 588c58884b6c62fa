using BenchmarkDotNet.Attributes;
using Calfwise.Core;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Benchmarks;

/// <summary>One assessment end to end, with the knowledge base loaded once beforehand.</summary>
/// <remarks>Not sealed: BenchmarkDotNet derives a runner type from each benchmark class and rejects sealed ones.</remarks>
[MemoryDiagnoser]
public class AssessmentBenchmarks
{
    private KnowledgeBase _knowledge = null!;
    private AssessmentEngine _engine = null!;
    private PatientCase _restlessLegsWithLabs = null!;
    private PatientCase _twitchWithoutLabs = null!;

    [GlobalSetup]
    public void Setup()
    {
        _knowledge = EmbeddedKnowledge.Instance;
        _engine = new AssessmentEngine(_knowledge); // built once, as the CLI and the web app do
        _restlessLegsWithLabs = SampleCases.Parse(SampleCases.RestlessLegsLowFerritin, _knowledge);
        _twitchWithoutLabs = SampleCases.Parse(SampleCases.BenignTwitchCoffee, _knowledge);

        // Fail the run rather than time the error path if a case stops being valid.
        foreach (var patient in new[] { _restlessLegsWithLabs, _twitchWithoutLabs })
        {
            var outcome = _engine.Assess(patient);
            if (!outcome.IsSuccess)
            {
                throw new InvalidOperationException($"Sample case is not valid: {string.Join("; ", outcome.Errors)}");
            }
        }
    }

    /// <summary>(a) Restless legs with four labs, a medication and IRLS scores (examples/rls-low-ferritin.json).</summary>
    [Benchmark(Baseline = true)]
    public Result<Assessment> RestlessLegsWithLabs() => _engine.Assess(_restlessLegsWithLabs);

    /// <summary>(b) Benign twitching with no labs and no medications (examples/benign-twitch-coffee.json).</summary>
    [Benchmark]
    public Result<Assessment> TwitchWithoutLabs() => _engine.Assess(_twitchWithoutLabs);

    /// <summary>(c) Case (a) as the CLI runs it: read the case JSON, assess, write the assessment JSON.</summary>
    [Benchmark]
    public string RestlessLegsJsonInAndOut()
    {
        var read = CaseJson.Read(SampleCases.RestlessLegsLowFerritin, _knowledge);
        var outcome = _engine.Assess(read.Case!);
        return outcome.IsSuccess ? AssessmentJson.Write(outcome.Value) : throw new InvalidOperationException(string.Join("; ", outcome.Errors));
    }
}
