using Calfwise.Core.Interview;
using System.Text;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using Xunit.Abstractions;

namespace Calfwise.Core.Tests;

/// <summary>
/// Simulated patients who do not know every answer: each vignette's person answers "I don't know" to a seeded
/// pseudo-random fifth of the findings they are asked about (the seed a stable hash of the vignette's file name),
/// and otherwise answers as in <see cref="InterviewSimulationTests"/>. Not knowing must never make the interview
/// triage lower than the direct assessment of the whole vignette; and no interview, with or without "don't know"
/// answers, may stop while a red flag is made relevant and its own questions are unasked.
/// </summary>
public sealed class InterviewDontKnowTests(ITestOutputHelper output)
{
    /// <summary>The share of the findings asked that the simulated patient answers "I don't know".</summary>
    public const double DontKnowShare = 0.2;

    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;
    private static readonly AssessmentEngine Engine = new(Knowledge);
    private static readonly Interviewer Interviewer = new(Knowledge);

    /// <summary>Every vignette's "don't know" patient, simulated once and shared by the tests.</summary>
    internal static readonly Lazy<IReadOnlyList<(Vignette Vignette, InterviewSimulationTests.SimulatedRun Run)>> DontKnowRuns =
        new(() => Vignette.All().Select(v => (v, SimulateDontKnow(v))).ToList());

    [Fact]
    public void Patients_who_answer_dont_know_are_never_triaged_below_the_direct_assessment()
    {
        var runs = DontKnowRuns.Value;
        var failures = new List<string>();
        foreach (var (vignette, run) in runs)
        {
            var direct = Engine.Assess(InterviewSimulationTests.Complete(vignette.ReadCase(Knowledge))).Valid();
            var safe = run.Assessment.Triage.Level >= direct.Triage.Level;
            output.WriteLine($"{(safe ? "ok  " : "LOW ")} {run.Questions,2} questions {run.Answers.DontKnow.Count,2} don't know  {vignette.File}: triage {run.Assessment.Triage.Level.ToId()} (direct {direct.Triage.Level.ToId()})");
            if (!safe)
            {
                output.WriteLine($"     direct red flags [{string.Join(", ", direct.RedFlags.Select(f => f.Id))}], reached [{string.Join(", ", run.Assessment.RedFlags.Select(f => f.Id))}]; {run.Finish.DoneReason}");
                output.WriteLine("     path: " + string.Join("\n           ", run.Path));
                // The "don't know" answers that were truly yes, and the triage each would have reached answered yes.
                var truth = vignette.ReadCase(Knowledge);
                var unknownYes = run.Answers.DontKnow.Where(f => truth.Answer(f) == true).Order(StringComparer.Ordinal)
                    .Select(f => $"{f} in {run.AskedIn[f]} (yes: {Engine.Assess(run.Answers.WithAnswer(f, true)).Valid().Triage.Level.ToId()})")
                    .ToList();
                failures.Add($"{vignette.File} ({run.Assessment.Triage.Level.ToId()} < {direct.Triage.Level.ToId()}; {run.Answers.DontKnow.Count} don't know, truly yes: {(unknownYes.Count == 0 ? "none" : string.Join(", ", unknownYes))})");
            }
        }

        var everything = InterviewSimulationTests.AnswerEverythingRuns.Value;
        output.WriteLine($"don't-know simulation: {runs.Count} vignettes, median {InterviewSimulationTests.Median(runs.Select(r => r.Run.Questions))} questions (answer-everything median {InterviewSimulationTests.Median(everything.Select(r => r.Run.Questions))}), worst {runs.Max(r => r.Run.Questions)}, {runs.Sum(r => r.Run.Answers.DontKnow.Count)} don't-know answers in all, triage never lower {runs.Count - failures.Count}/{runs.Count}");

        Assert.True(failures.Count == 0, "a patient answering \"don't know\" was triaged below the direct assessment:\n  " + string.Join("\n  ", failures));
    }

    [Fact]
    public void The_interview_never_stops_while_a_triggered_red_flag_has_unasked_questions()
    {
        var failures = new List<string>();
        var checkedTriggers = 0;
        foreach (var (kind, runs) in new[] { ("answer-everything", InterviewSimulationTests.AnswerEverythingRuns.Value), ("don't-know", DontKnowRuns.Value) })
        {
            foreach (var (vignette, run) in runs)
            {
                Assert.False(string.IsNullOrWhiteSpace(run.Finish.DoneReason), $"{vignette.File}: the interview finished without saying why");

                // An emergency ends the interview at once, sending the person for help.
                if (run.Assessment.Triage.Level == TriageLevel.Emergency)
                {
                    continue;
                }

                foreach (var unasked in UnaskedRedFlagQuestions(run))
                {
                    output.WriteLine($"{kind} {vignette.File}: {unasked}\n     path: {string.Join("\n           ", run.Path)}");
                    failures.Add($"{kind} {vignette.File}: {unasked}");
                }

                // Counted: triggered flags that did not fire, the ones whose unasked questions were actually checked.
                checkedTriggers += Knowledge.Interview.RedFlagTriggers.Count(t =>
                    t.AskWhen.Any(f => run.Answers.Answer(f) == true || run.Answers.DontKnow.Contains(f))
                    && !run.Assessment.RedFlags.Any(f => f.Id == t.RedFlagId));
            }
        }

        output.WriteLine($"red-flag completeness: {checkedTriggers} triggered red flags checked at the finish, {failures.Count} with questions unasked");
        Assert.True(checkedTriggers >= 10, $"only {checkedTriggers} triggered red flags were checked");
        Assert.True(failures.Count == 0, "the interview stopped with a triggered red flag's questions unasked:\n  " + string.Join("\n  ", failures));
    }

    /// <summary>
    /// For the case the interview finished with: every red flag whose trigger was answered yes or "don't know", that
    /// did not fire and would fire were its unasked questions answered yes, with those of its positive findings that
    /// apply to the person (audience and askIf, given the answers) but were never asked. (A flag that fired needs no more answers to reach its level; one that
    /// needs a medicine, a lab result or a pregnancy the person does not have cannot fire whatever they answer.)
    /// </summary>
    internal static IEnumerable<string> UnaskedRedFlagQuestions(InterviewSimulationTests.SimulatedRun run)
    {
        var answers = run.Answers;
        foreach (var trigger in Knowledge.Interview.RedFlagTriggers.Where(t => t.AskWhen.Any(f => answers.Answer(f) == true || answers.DontKnow.Contains(f))))
        {
            var flag = Knowledge.RedFlags.Single(f => f.Id == trigger.RedFlagId);
            if (run.Assessment.RedFlags.Any(f => f.Id == flag.Id))
            {
                continue;
            }

            var unasked = flag.When.Descendants().OfType<FindingRule>()
                .Where(r => r.Answer == AnswerKind.Yes)
                .Select(r => r.FindingId)
                .Distinct(StringComparer.Ordinal)
                .Where(f => !answers.WasAsked(f) && Interviewer.Applies(answers, f).Valid())
                .ToList();
            var whatIf = unasked.Aggregate(answers, (patient, finding) => patient.WithAnswer(finding, true));
            if (unasked.Count > 0 && Engine.Assess(whatIf).Valid().RedFlags.Any(f => f.Id == flag.Id))
            {
                var by = string.Join(", ", trigger.AskWhen.Where(f => answers.Answer(f) == true || answers.DontKnow.Contains(f)));
                yield return $"red flag {flag.Id} ({flag.Level.ToId()}, not fired; triggered by {by}) unasked: {string.Join(", ", unasked)}; finished at triage {run.Assessment.Triage.Level.ToId()}: {run.Finish.DoneReason}";
            }
        }
    }

    private static InterviewSimulationTests.SimulatedRun SimulateDontKnow(Vignette vignette)
    {
        var random = new Random(Seed(vignette.File));
        return InterviewSimulationTests.Simulate(vignette.ReadCase(Knowledge), _ => random.NextDouble() < DontKnowShare);
    }

    /// <summary>A seed that is the same in every process (string.GetHashCode is randomised per process): FNV-1a of the name.</summary>
    internal static int Seed(string name)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return unchecked((int)hash);
    }
}
