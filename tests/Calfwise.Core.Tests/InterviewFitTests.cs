using Calfwise.Core.Cases;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>
/// Issue 10: questions fit the person (no periods for a man, no "the twitching" after "no twitching"), one thing at
/// a time, and the advice of a red flag as soon as it is known.
/// </summary>
public sealed class InterviewFitTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;
    private static readonly Interviewer Interviewer = new(Knowledge);

    [Fact]
    public void No_simulated_man_or_child_is_asked_about_periods_and_nobody_about_a_symptom_they_denied()
    {
        var female = Knowledge.Findings.Where(f => f.Audience.Sex == Sex.Female).Select(f => f.Id).ToList();
        Assert.Contains("heavy-menstrual-bleeding", female);
        var checkedMen = 0;
        foreach (var (vignette, run) in InterviewSimulationTests.AnswerEverythingRuns.Value.Concat(InterviewDontKnowTests.DontKnowRuns.Value))
        {
            if (run.Answers.Sex == Sex.Male)
            {
                checkedMen++;
                Assert.True(female.All(f => !run.AskedAt.ContainsKey(f)), $"{vignette.File}: a man was asked about {string.Join(", ", female.Where(run.AskedAt.ContainsKey))}");
            }

            if (run.Answers.Answer("calf-twitching") == false)
            {
                Assert.False(run.AskedAt.ContainsKey("twitching-widespread"), $"{vignette.File}: asked where else the twitching is after 'no twitching'");
            }

            if (run.Answers.Answer("calf-twitching") == false && run.Answers.Answer("twitching-widespread") == false
                && run.AskedAt.TryGetValue("twitching-spreading", out var spreadingAt))
            {
                Assert.True(spreadingAt <= run.AskedAt["twitching-widespread"], $"{vignette.File}: asked whether the twitching spreads after 'no twitching' anywhere");
            }

            if (run.Answers.Answer("calf-pain") == false && run.Answers.Answer("calf-swelling-one-side") == false)
            {
                Assert.False(run.AskedAt.ContainsKey("leg-warm-red"), $"{vignette.File}: asked about 'the sore or swollen leg' with neither");
            }
        }

        Assert.True(checkedMen >= 20, $"only {checkedMen} runs of men were checked");
    }

    [Fact]
    public void A_pregnant_woman_is_not_asked_about_heavy_periods_or_the_menopause()
    {
        PatientCase patient = CaseBuilder.Woman(30).Pregnant();
        Assert.False(Interviewer.Applies(patient, "heavy-menstrual-bleeding").Valid());
        Assert.False(Interviewer.Applies(patient, "postmenopausal").Valid());
        Assert.True(Interviewer.Applies(CaseBuilder.Woman(30), "heavy-menstrual-bleeding").Valid());
        Assert.False(Interviewer.Applies(CaseBuilder.Woman(8), "heavy-menstrual-bleeding").Valid());
    }

    [Fact]
    public void A_question_whose_premise_was_not_denied_is_still_asked()
    {
        // Unanswered or "don't know" never rules a question out: missing answers must not hide a warning sign.
        Assert.True(Interviewer.Applies(CaseBuilder.Man(30), "twitching-spreading").Valid());
        Assert.True(Interviewer.Applies(CaseBuilder.Man(30).DontKnow("calf-twitching"), "twitching-spreading").Valid());
        Assert.False(Interviewer.Applies(CaseBuilder.Man(30).No("calf-twitching").No("twitching-widespread"), "twitching-spreading").Valid());
    }

    [Fact]
    public void A_swollen_calf_gets_its_urgent_advice_on_the_very_next_step()
    {
        PatientCase patient = CaseBuilder.Man(60).Yes("calf-swelling-one-side", "calf-pain").RestOfOpeningNo(Knowledge);
        var step = Interviewer.Next(patient).Valid();
        Assert.NotNull(step.Alert);
        Assert.Equal(TriageLevel.Urgent, step.Alert.Level);
        Assert.Contains("suspected-dvt", step.Alert.Ids);
    }

    [Fact]
    public void An_emergency_ends_the_interview_with_its_alert()
    {
        PatientCase patient = CaseBuilder.Woman(50).Yes("calf-pain", "sudden-breathlessness-or-chest-pain").RestOfOpeningNo(Knowledge);
        var step = Interviewer.Next(patient).Valid();
        Assert.True(step.IsDone);
        Assert.Equal(TriageLevel.Emergency, step.Alert?.Level);
    }

    [Fact]
    public void Questions_are_single_or_checklists_and_a_relevant_warning_sign_offers_not_sure()
    {
        PatientCase patient = CaseBuilder.Man(40).Yes("calf-pain").RestOfOpeningNo(Knowledge);
        var step = Interviewer.Next(patient).Valid();
        Assert.Equal(QuestionKind.RedFlag, step.Question!.Kind);
        Assert.True(step.Question.NotSure);
        Assert.True(step.Question.Checklist || step.Question.Items.Count == 1);
    }
}

/// <summary>Cases a review found: each failed before its fix.</summary>
public sealed class InterviewReviewTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;
    private static readonly Interviewer Interviewer = new(Knowledge);

    [Fact]
    public void A_lab_result_given_late_still_gets_its_warning_sign_asked_after_the_answer_cap()
    {
        // Cramps and a painful calf reach the answer cap by the lab request; calcium 1.95 mmol/L with hand or foot
        // spasms is an emergency, so the spasm question must still be asked once the result is in.
        var truth = new HashSet<string> { "painful-cramps", "calf-pain", "hand-foot-spasms" };
        PatientCase patient = CaseBuilder.Man(40);
        InterviewStep step;
        var guard = 0;
        while (!(step = Interviewer.Next(patient).Valid()).IsDone && guard++ < 80)
        {
            var question = step.Question!;
            if (question.Kind == QuestionKind.Labs)
            {
                patient = question.Id == "electrolytes"
                    ? patient with { Labs = [.. patient.Labs, new LabInput("calcium", 1.95m, "mmol/L")] }
                    : patient with { LabsUnavailable = new HashSet<string>(patient.LabsUnavailable) { question.Id } };
                continue;
            }

            foreach (var item in question.Items)
            {
                patient = patient.WithAnswer(item.FindingId, truth.Contains(item.FindingId));
            }
        }

        Assert.True(patient.Labs.Count > 0, "the electrolytes were never asked for");
        Assert.Equal(TriageLevel.Emergency, step.Alert?.Level);
    }

    [Fact]
    public void A_critical_lab_value_ends_the_interview_before_the_opening_question()
    {
        PatientCase patient = CaseBuilder.Man(60).Lab("potassium", 7.0m, "mmol/L");
        var step = Interviewer.Next(patient).Valid();
        Assert.True(step.IsDone);
        Assert.Equal(TriageLevel.Emergency, step.Alert?.Level);
    }

    [Fact]
    public void The_opening_and_the_warning_signs_offer_not_sure()
    {
        var opening = Interviewer.Next(CaseBuilder.Man(25)).Valid().Question!;
        Assert.True(opening.Checklist && opening.NotSure);
        var next = Interviewer.Next(CaseBuilder.Man(25).Yes("calf-twitching").RestOfOpeningNo(Knowledge)).Valid().Question!;
        Assert.True(next.NotSure, $"{next.Id} offers no 'not sure'");
    }

    [Fact]
    public void Severe_muscle_pain_after_exercise_lets_the_compartment_question_be_asked_without_calf_pain()
    {
        PatientCase patient = CaseBuilder.Man(25).Yes("calf-twitching", "intense-exercise-recently", "severe-muscle-pain").RestOfOpeningNo(Knowledge);
        Assert.True(Interviewer.Applies(patient, "severe-pain-tense-calf").Valid());
    }

    [Theory]
    [InlineData(70, "heavy-menstrual-bleeding")]
    [InlineData(80, "recently-gave-birth")]
    [InlineData(8, "estrogen-medicine")]
    public void Questions_are_not_asked_outside_the_ages_they_fit(int age, string finding) =>
        Assert.False(Interviewer.Applies(CaseBuilder.Woman(age), finding).Valid());
}
