using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using Xunit.Abstractions;

namespace Calfwise.Core.Tests;

/// <summary>
/// Simulated patients: each vignette's person answers every question from the vignette's true findings (anything
/// not in the vignette is "no") and brings the vignette's lab results. The interview must reach the same three
/// leading conditions and the same or a higher triage level as assessing the whole vignette directly, read the
/// same way: every finding the vignette does not mention answered "no".
/// </summary>
public sealed class InterviewSimulationTests(ITestOutputHelper output)
{
    /// <summary>Issue 10: at most 15 taps for a complete interview, a checklist counting one tap per ticked item and one to go on.</summary>
    public const int MedianTapLimit = 15;
    public const int RedFlagQuestionLimit = 5;

    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;
    private static readonly AssessmentEngine Engine = new(Knowledge);
    private static readonly Interviewer Interviewer = new(Knowledge);

    [Fact]
    public void Simulated_patients_reach_the_direct_assessment_in_few_questions()
    {
        var runs = AnswerEverythingRuns.Value;
        var failures = new List<string>();
        foreach (var (vignette, run) in runs)
        {
            var direct = Engine.Assess(Complete(vignette.ReadCase(Knowledge))).Valid();
            var reached = Top(run.Assessment);
            var expected = Top(direct);
            // An emergency ends the interview at once, sending the person for help: triage is then what must agree.
            var agrees = run.Assessment.Triage.Level >= direct.Triage.Level
                && (run.Assessment.Triage.Level == TriageLevel.Emergency || SameLeading(run.Assessment, reached, direct, expected));
            output.WriteLine($"{(agrees ? "ok  " : "DIFF")} {run.Taps,2} taps {run.Questions,2} questions {run.LabRequests} lab requests  {vignette.File}: top [{string.Join(", ", reached)}] triage {run.Assessment.Triage.Level.ToId()} (direct [{string.Join(", ", expected)}] {direct.Triage.Level.ToId()})");
            if (!agrees)
            {
                failures.Add(vignette.File);
            }

            if (Environment.GetEnvironmentVariable("CALFWISE_PRINT_PATHS") is not null)
            {
                output.WriteLine("      " + string.Join("\n      ", run.Path));
            }

            // The plan's referrals and care steps must not be lost by asking fewer questions.
            var missed = direct.Recommendations.Where(r => r.Kind is RecommendationKind.Referral or RecommendationKind.Care).Select(r => r.Id)
                .Except(run.Assessment.Recommendations.Select(r => r.Id)).ToList();
            if (missed.Count > 0 && run.Assessment.Triage.Level != TriageLevel.Emergency)
            {
                output.WriteLine($"     missed referrals in {vignette.File}: {string.Join(", ", missed)}");
                failures.Add(vignette.File + " (plan)");
            }
        }

        var median = Median(runs.Select(r => r.Run.Questions));
        output.WriteLine($"interview simulation: {runs.Count} vignettes, median {Median(runs.Select(r => r.Run.Taps))} taps (worst {runs.Max(r => r.Run.Taps)}), median {median} questions, worst {runs.Max(r => r.Run.Questions)}, agreement {runs.Count - failures.Count}/{runs.Count}, lab requests {runs.Sum(r => r.Run.LabRequests)} in all");

        var taps = Median(runs.Select(r => r.Run.Taps));
        Assert.True(taps <= MedianTapLimit, $"median {taps} taps");
        Assert.True(failures.Count == 0, "the interview disagreed with the direct assessment for: " + string.Join(", ", failures));
    }

    /// <summary>
    /// Red-flag follow-ups the interview asks too late. Empty since the interview asks one thing at a time and the
    /// signs of a flag made relevant come on one checklist; kept so that a late case fails by name.
    /// </summary>
    private static readonly string[] KnownLateRedFlagQuestions = [];

    [Fact]
    public void A_relevant_red_flag_question_comes_within_the_first_five_questions()
    {
        var checkedFlags = 0;
        var late = new List<string>();
        var details = new List<string>();
        foreach (var vignette in Vignette.All())
        {
            var patient = vignette.ReadCase(Knowledge);
            var direct = Engine.Assess(patient).Valid();
            var run = AnswerEverythingRuns.Value.Single(r => r.Vignette.File == vignette.File).Run;
            foreach (var flag in direct.RedFlags)
            {
                var trigger = Knowledge.Interview.RedFlagTriggers.FirstOrDefault(t => t.RedFlagId == flag.Id);
                if (trigger is null || !trigger.AskWhen.Any(f => patient.Answer(f) == true))
                {
                    continue;
                }

                var rule = Knowledge.RedFlags.Single(f => f.Id == flag.Id).When;
                // The follow-up questions the trigger leads to: the trigger answers themselves say nothing about timing.
                var findings = rule.Descendants().OfType<FindingRule>()
                    .Where(r => r.Answer == AnswerKind.Yes && patient.Answer(r.FindingId) == true && !trigger.AskWhen.Contains(r.FindingId))
                    .Select(r => r.FindingId)
                    .ToList();
                if (findings.Count == 0)
                {
                    continue; // fired on labs or on the trigger answers alone
                }

                // Fired without these follow-ups (a swollen calf alone is a suspected clot): its advice did not wait for them.
                var without = findings.Aggregate(run.Answers, (answers, finding) => answers.WithoutAnswer(finding));
                if (Engine.Assess(without).Valid().RedFlags.Any(f => f.Id == flag.Id))
                {
                    continue;
                }

                // Relevant from the opening question: within the first five; relevant later: within five of that answer.
                var relevantAt = trigger.AskWhen.Where(f => patient.Answer(f) == true).Min(f => run.AskedAt.TryGetValue(f, out var at) ? at : int.MaxValue);
                var first = findings.Min(f => run.AskedAt.TryGetValue(f, out var at) ? at : int.MaxValue);
                if (first == int.MaxValue && run.Assessment.Triage.Level == TriageLevel.Emergency && flag.Level < TriageLevel.Emergency)
                {
                    continue; // the interview rightly stopped at an emergency before this flag's questions
                }

                if (first > (long)relevantAt + RedFlagQuestionLimit - 1)
                {
                    late.Add($"{vignette.File}: {flag.Id}");
                    details.Add($"{vignette.File}: red flag {flag.Id} relevant at question {relevantAt}, its follow-ups ({string.Join(", ", findings)}) first asked at question {(first == int.MaxValue ? "never" : first)}");
                }

                checkedFlags++;
            }
        }

        // A ratchet: the known late cases may only go away (then take them off the list), never grow.
        Assert.True(late.Order(StringComparer.Ordinal).SequenceEqual(KnownLateRedFlagQuestions.Order(StringComparer.Ordinal)), string.Join("\n", details));
        Assert.True(checkedFlags >= 5, $"only {checkedFlags} red-flag cases were checked");
    }

    [Fact]
    public void The_opening_question_comes_first_and_names_what_people_feel()
    {
        var step = Interviewer.Next(CaseBuilder.Woman(40)).Valid();
        Assert.Equal(QuestionKind.Opening, step.Question!.Kind);
        Assert.Contains(step.Question.Items, i => i.FindingId == "calf-twitching");
    }

    [Fact]
    public void A_question_answered_dont_know_is_not_asked_again()
    {
        PatientCase patient = CaseBuilder.Woman(40).Yes("calf-twitching");
        var first = Interviewer.Next(patient).Valid().Question!;
        foreach (var item in first.Items)
        {
            patient = patient.WithDontKnow(item.FindingId);
        }

        var second = Interviewer.Next(patient).Valid();
        Assert.True(second.IsDone || second.Question!.Items.All(i => !first.Items.Any(f => f.FindingId == i.FindingId)));
    }

    [Fact]
    public void Iron_results_are_asked_for_when_restless_legs_is_possible_and_declining_turns_into_a_test_recommendation()
    {
        var findings = new Dictionary<string, bool>
        {
            ["urge-to-move-legs"] = true, ["worse-at-rest"] = true, ["relieved-by-movement"] = true, ["worse-evening-night"] = true,
        };
        PatientCase patient = CaseBuilder.Woman(45).Answers(findings);
        InterviewStep step;
        var guard = 0;
        while (!(step = Interviewer.Next(patient).Valid()).IsDone && step.Question!.Kind != QuestionKind.Labs && guard++ < 60)
        {
            foreach (var item in step.Question.Items)
            {
                patient = patient.WithAnswer(item.FindingId, false);
            }
        }

        Assert.Equal(QuestionKind.Labs, step.Question?.Kind);
        Assert.Equal("iron-studies", step.Question!.Id);
        patient = patient with { LabsUnavailable = new HashSet<string> { "iron-studies" } };
        var after = Interviewer.Next(patient).Valid();
        Assert.True(after.IsDone || after.Question!.Id != "iron-studies");
        var recommendations = Engine.Assess(patient).Valid().Recommendations.Select(r => r.Id).ToList();
        Assert.Contains("test-ferritin", recommendations);
    }

    [Fact]
    public void An_invalid_case_is_rejected_with_the_field()
    {
        var outcome = Interviewer.Next(CaseBuilder.Woman(200));
        Assert.False(outcome.IsSuccess);
        Assert.Equal("age", Assert.Single(outcome.Errors).Field);
    }

    /// <summary>Every vignette's patient answering every question, simulated once and shared by the tests.</summary>
    internal static readonly Lazy<IReadOnlyList<(Vignette Vignette, SimulatedRun Run)>> AnswerEverythingRuns =
        new(() => Vignette.All().Select(v => (v, Simulate(v.ReadCase(Knowledge)))).ToList());

    /// <summary>The vignette as the simulated patient knows it: what it does not say is "no"; its "don't know" answers stay.</summary>
    internal static PatientCase Complete(PatientCase vignette) =>
        vignette with { Findings = Knowledge.Findings.Where(f => !vignette.DontKnow.Contains(f.Id)).ToDictionary(f => f.Id, f => vignette.Answer(f.Id) == true) };

    private static HashSet<string> Top(Assessment assessment) =>
        Interviewer.Leading(assessment, Knowledge.Bands["leading"].Probability).ToHashSet();

    /// <summary>
    /// The same leading conditions, read as a person would: a condition above 10% in one result must be among
    /// the leading conditions of the other. The order of conditions between 5% and 10% is not held against the
    /// interview (documented in docs/interview.md).
    /// </summary>
    private static bool SameLeading(Assessment run, HashSet<string> reached, Assessment direct, HashSet<string> expected)
    {
        const double Clear = 0.10;
        bool Covered(Assessment from, HashSet<string> ids, HashSet<string> other) =>
            ids.Where(id => from.Differential.First(c => c.Id == id).Probability > Clear).All(other.Contains);
        return Covered(direct, expected, reached) && Covered(run, reached, expected);
    }

    internal static double Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
    }

    /// <summary>
    /// Runs the interview for a patient whose true findings are <paramref name="truth"/>'s (unmentioned ones "no"),
    /// who brings its lab results and declines lab requests. <paramref name="dontKnow"/>, called once per finding
    /// asked in the order asked, says which are answered "I don't know" instead.
    /// </summary>
    internal static SimulatedRun Simulate(PatientCase truth, Func<string, bool>? dontKnow = null)
    {
        var patient = truth with { Findings = new Dictionary<string, bool>(), DontKnow = new HashSet<string>(), LabsUnavailable = new HashSet<string>() };
        var askedAt = new Dictionary<string, int>();
        var askedIn = new Dictionary<string, string>();
        var path = new List<string>();
        var questions = 0;
        var labRequests = 0;
        var taps = 0;
        InterviewStep step;
        while ((step = Interviewer.Next(patient).Valid()) is { IsDone: false, Question: { } question })
        {
            // Lab requests come once the questions have stopped; they are counted apart.
            if (question.Kind == QuestionKind.Labs)
            {
                labRequests++;
                taps++;
                path.Add($"{question.Id}: declined");
                patient = patient with { LabsUnavailable = new HashSet<string>(patient.LabsUnavailable) { question.Id } };
                continue;
            }

            questions++;
            var answers = new List<string>();
            foreach (var item in question.Items)
            {
                askedAt.TryAdd(item.FindingId, questions);
                askedIn.TryAdd(item.FindingId, question.Id);
                var answer = truth.Answer(item.FindingId) == true;
                if (truth.DontKnow.Contains(item.FindingId) || dontKnow?.Invoke(item.FindingId) == true)
                {
                    patient = patient.WithDontKnow(item.FindingId);
                    answers.Add(item.FindingId + "=?" + (answer ? "(yes)" : ""));
                }
                else
                {
                    patient = patient.WithAnswer(item.FindingId, answer);
                    answers.Add(item.FindingId + (answer ? "=yes" : "=no"));
                }
            }

            // One tap per answer; a checklist takes a tap per ticked item and one to go on ("None of these" when nothing applies).
            taps += question.Checklist ? question.Items.Count(i => patient.Answer(i.FindingId) == true || patient.DontKnow.Contains(i.FindingId)) + 1 : 1;
            path.Add($"{question.Id}{(question.Checklist ? " (checklist)" : "")}: {string.Join(", ", answers)}");
            if (questions > 100)
            {
                throw new InvalidOperationException("the interview does not stop");
            }
        }

        return new SimulatedRun(questions, taps, labRequests, askedAt, Engine.Assess(patient).Valid(), patient, step, path, askedIn);
    }

    /// <summary>
    /// One simulated interview: <see cref="Answers"/> is the case as the interview left it, <see cref="Finish"/> its
    /// last step (a finish), <see cref="Path"/> each question with its answers ("=?" is "I don't know", with the true
    /// answer in brackets when it was yes), <see cref="AskedIn"/> the question that asked each finding.
    /// </summary>
    internal sealed record SimulatedRun(
        int Questions,
        int Taps,
        int LabRequests,
        IReadOnlyDictionary<string, int> AskedAt,
        Assessment Assessment,
        PatientCase Answers,
        InterviewStep Finish,
        IReadOnlyList<string> Path,
        IReadOnlyDictionary<string, string> AskedIn);
}
