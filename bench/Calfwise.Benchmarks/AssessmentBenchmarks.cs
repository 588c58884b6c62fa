using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Calfwise.Core;
using Calfwise.Core.Cases;
using Calfwise.Core.Contracts;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Benchmarks;

/// <summary>One assessment end to end, with the knowledge base loaded once beforehand.</summary>
/// <remarks>Not sealed: BenchmarkDotNet derives a runner type from each benchmark class and rejects sealed ones.</remarks>
[MemoryDiagnoser]
public class AssessmentBenchmarks : IDisposable
{
    private KnowledgeBase _knowledge = null!;
    private AssessmentEngine _engine = null!;
    private PatientCase _restlessLegsWithLabs = null!;
    private PatientCase _twitchWithoutLabs = null!;
    private readonly byte[] _body = Encoding.UTF8.GetBytes(SampleCases.RestlessLegsLowFerritin);
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private Utf8JsonWriter _writer = null!;
    private Assessment _restlessLegsAssessment = null!;

    [GlobalSetup]
    public void Setup()
    {
        _knowledge = EmbeddedKnowledge.Instance;
        _writer = new Utf8JsonWriter(_output, ContractJson.CompactWriter);
        _engine = new AssessmentEngine(_knowledge); // built once, as the CLI and the web app do
        _restlessLegsWithLabs = SampleCases.Parse(SampleCases.RestlessLegsLowFerritin, _knowledge);
        _twitchWithoutLabs = SampleCases.Parse(SampleCases.BenignTwitchCoffee, _knowledge);
        _restlessLegsAssessment = _engine.Assess(_restlessLegsWithLabs).Value ?? throw new InvalidOperationException("the sample case is invalid");

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

    /// <summary>(d) Reading case (a) alone: the UTF-8 body through the contract to a validated case.</summary>
    [Benchmark]
    public PatientCase RestlessLegsReadCase() => CaseJson.Read(_body, _knowledge, SampleCases.Today).Case ?? throw new InvalidOperationException("the sample case is invalid");

    /// <summary>(e) Writing the answer of case (a) alone: mapping to the contract and compact JSON.</summary>
    [Benchmark]
    public int RestlessLegsWriteAnswer()
    {
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        CompactAnswer.Write(_writer, _restlessLegsAssessment, _knowledge.Version); // as the API writes it
        _writer.Flush();
        return _output.WrittenCount;
    }

    /// <summary>(c) Case (a) as the API runs it: read the UTF-8 case body with the contract, assess, write the compact assessment JSON.</summary>
    [Benchmark]
    public int RestlessLegsJsonInAndOut()
    {
        var read = CaseJson.Read(_body, _knowledge, SampleCases.Today);
        var outcome = read.IsValid ? _engine.Assess(read.Validated) : throw new InvalidOperationException(string.Join("; ", read.Errors));
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        CompactAnswer.Write(_writer, outcome, _knowledge.Version);
        _writer.Flush();
        return _output.WrittenCount;
    }

    public void Dispose()
    {
        _writer?.Dispose();
        GC.SuppressFinalize(this);
    }
}
