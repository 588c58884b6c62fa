using BenchmarkDotNet.Attributes;
using Calfwise.Core;
using Calfwise.Core.Cases;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Benchmarks;

/// <summary>Choosing the next interview question over the whole knowledge base.</summary>
/// <remarks>Not sealed: BenchmarkDotNet derives a runner type from each benchmark class and rejects sealed ones.</remarks>
[MemoryDiagnoser]
public class InterviewBenchmarks
{
    private Interviewer _interviewer = null!;
    private PatientCase _afterOpening = null!;
    private PatientCase _midInterview = null!;
    private PatientCase _finished = null!;

    [GlobalSetup]
    public void Setup()
    {
        var knowledge = EmbeddedKnowledge.Instance;
        _interviewer = new Interviewer(knowledge);
        var opening = knowledge.Interview.OpeningFindings.ToDictionary(f => f, f => f == "calf-twitching");
        _afterOpening = new PatientCase(34, Sex.Female, null, opening, [], [], null);

        // Half way: the restless legs example with its red-flag questions already answered "no", so the choice goes
        // through information gain and the could-it-change check.
        var example = SampleCases.Parse(SampleCases.RestlessLegsLowFerritin, knowledge);
        var redFlagFindings = knowledge.RedFlags.SelectMany(f => f.When.Descendants()).OfType<FindingRule>().Select(r => r.FindingId).ToHashSet();
        _midInterview = redFlagFindings.Where(f => example.Answer(f) is null).Aggregate(example, (c, f) => c.WithAnswer(f, false));

        // The last call of a whole simulated interview (answers from the example, "no" otherwise): it must rule out
        // every remaining question before it says "done".
        var simulated = example with { Findings = new Dictionary<string, bool>() };
        while (_interviewer.Next(simulated).Value is { IsDone: false, Question: { } question })
        {
            simulated = question.Kind == QuestionKind.Labs
                ? simulated with { LabsUnavailable = new HashSet<string>(simulated.LabsUnavailable) { question.Id } }
                : question.Items.Aggregate(simulated, (c, i) => c.WithAnswer(i.FindingId, example.Answer(i.FindingId) == true));
        }

        _finished = simulated;
        foreach (var patient in new[] { _afterOpening, _midInterview, _finished })
        {
            if (!_interviewer.Next(patient).IsSuccess)
            {
                throw new InvalidOperationException("Sample case is not valid.");
            }
        }
    }

    /// <summary>Right after the opening question: calf twitching, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public Result<InterviewStep> AfterOpening() => _interviewer.Next(_afterOpening);

    /// <summary>Half way: the restless legs example (labs, a medication) with its red-flag questions answered.</summary>
    [Benchmark]
    public Result<InterviewStep> MidInterview() => _interviewer.Next(_midInterview);

    /// <summary>The last call of an interview, which must rule out every remaining question.</summary>
    [Benchmark]
    public Result<InterviewStep> Finished() => _interviewer.Next(_finished);
}
