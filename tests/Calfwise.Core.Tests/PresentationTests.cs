using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>The presentation never says two things at once: bands, time frames, readings and source order.</summary>
public sealed class PresentationTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;
    private static readonly AssessmentEngine Engine = new(Knowledge);

    public static TheoryData<string> People => new()
    {
        "rls", "coffee", "clot", "emergency", "long-twitching", "overload",
    };

    private static PatientCase Person(string name) => name switch
    {
        "rls" => CaseBuilder.Woman(45).Yes("urge-to-move-legs", "worse-at-rest", "relieved-by-movement", "worse-evening-night", "heavy-menstrual-bleeding").Lab("ferritin", 22, "ng/mL"),
        "coffee" => CaseBuilder.Man(30).Yes("calf-twitching", "high-caffeine-intake", "intense-exercise-recently").No("muscle-weakness", "urge-to-move-legs"),
        "clot" => CaseBuilder.Man(60).Yes("calf-pain", "calf-swelling-one-side", "long-distance-travel").No("sudden-breathlessness-or-chest-pain"),
        "emergency" => CaseBuilder.Woman(60).Yes("calf-pain", "calf-swelling-one-side", "sudden-breathlessness-or-chest-pain"),
        "long-twitching" => CaseBuilder.Man(35).Yes("calf-twitching", "symptoms-longer-than-two-weeks").No("muscle-weakness"),
        _ => CaseBuilder.Man(50).Yes("urge-to-move-legs").Lab("ferritin", 1500, "ng/mL"),
    };

    private static AssessmentView View(string name, Locale? locale = null) =>
        new AssessmentPresenter(Knowledge, locale).Present(Engine.Assess(Person(name)).Valid());

    [Theory]
    [MemberData(nameof(People))]
    public void A_chance_in_words_always_agrees_with_its_number(string person)
    {
        var presenter = new AssessmentPresenter(Knowledge);
        foreach (var cause in View(person).Differential.Shown)
        {
            var expected = cause.Probability >= Knowledge.Bands["likely"].Probability ? "likely"
                : cause.Probability >= Knowledge.Bands["possible"].Probability ? "possible"
                : cause.Probability >= Knowledge.Bands["leading"].Probability ? "less likely"
                : "unlikely";
            Assert.Equal(expected, cause.Band);
            Assert.Equal(expected, presenter.Band(cause.Probability));
        }
    }

    [Theory]
    [MemberData(nameof(People))]
    public void The_project_policy_is_never_the_first_source_and_numbers_follow_the_list(string person)
    {
        var view = View(person);

        Assert.NotEqual("calfwise-policy", view.References[0].Id);
        Assert.Equal(Enumerable.Range(1, view.References.Count), view.References.Select(r => r.Number));
        var published = view.References.TakeWhile(r => r.Url.StartsWith("http", StringComparison.Ordinal)).Count();
        Assert.All(view.References.Skip(published), r => Assert.False(r.Url.StartsWith("http", StringComparison.Ordinal), r.Id));
        Assert.All(view.Plan.SelectMany(p => p.Citations), n => Assert.InRange(n, 1, view.References.Count));
    }

    [Theory]
    [MemberData(nameof(People))]
    public void The_plain_layer_is_short_and_starts_with_the_banner_advice(string person)
    {
        var view = View(person);
        var plain = view.Plain!;

        Assert.InRange(plain.ToDo.Count, 1, PresentationPolicy.PlainSteps);
        Assert.Equal(view.Triage.Advice, plain.ToDo[0]);
        Assert.NotEmpty(plain.WouldChange);
        Assert.DoesNotContain(plain.ToDo.Concat(plain.WouldChange).Append(plain.Advice), t => t.Contains('{', StringComparison.Ordinal));
    }

    [Fact]
    public void A_suspected_clot_banner_gives_the_4_hour_time_frame_of_its_red_flag()
    {
        var view = View("clot");

        Assert.Equal(TriageLevel.Urgent, view.Triage.Level);
        Assert.Contains("within 4 hours", view.Triage.Advice, StringComparison.Ordinal);
        Assert.DoesNotContain("24 hours", view.Triage.Advice, StringComparison.Ordinal);
        Assert.Contains(view.Plain!.ProbablyIs, c => c.Id == "deep-vein-thrombosis" && c.Band == PresentationPolicy.RedFlagBand);
    }

    [Fact]
    public void The_advice_for_a_fired_red_flag_is_the_banner_of_the_results()
    {
        var assessment = Engine.Assess(Person("clot")).Valid();
        var presenter = new AssessmentPresenter(Knowledge, Locale.For("IE"));

        var advice = presenter.Advice(assessment.Triage.Level, assessment.RedFlags);

        Assert.Equal(presenter.Present(assessment).Triage.Advice, advice);
        Assert.Contains("call 112", advice, StringComparison.Ordinal);
        Assert.Equal(Locale.For("IE")!.Fill(Knowledge.TriageAdvice[TriageLevel.Urgent].Plain), presenter.Advice(TriageLevel.Urgent, []));
    }

    [Fact]
    public void An_emergency_has_one_step_the_call_in_the_local_number()
    {
        var view = View("emergency", Locale.For("NZ"));

        Assert.Contains("111", view.Triage.Advice, StringComparison.Ordinal);
        Assert.Equal("Call 111", view.Plain!.CallEmergency);
        Assert.All(view.Plain.ToDo, step => Assert.DoesNotContain("4 hours", step, StringComparison.Ordinal));
    }

    [Fact]
    public void Ferritin_22_reads_low_for_restless_legs_though_the_general_range_calls_it_normal()
    {
        var view = View("rls");
        var ferritin = view.Labs.Single(l => l.Analyte == "ferritin");
        var reading = view.LabReadings.Single(r => r.Analyte == "ferritin");

        Assert.Equal(LabStatus.Normal, ferritin.Status); // the premise: the general range
        Assert.Equal("low for restless legs (at or below 75 µg/L)", reading.Decision);
    }

    [Theory]
    [InlineData(75, "low for restless legs (at or below 75 µg/L)")] // the decision: iron at or below 75
    [InlineData(90, "low for restless legs, iron by drip (at or below 100 µg/L)")]
    [InlineData(150, null)]
    public void Ferritin_reads_against_the_threshold_the_decision_compared_it_with(int ferritin, string? expected)
    {
        var view = new AssessmentPresenter(Knowledge).Present(Engine.Assess(
            CaseBuilder.Woman(45).Yes("urge-to-move-legs", "worse-at-rest").Lab("ferritin", ferritin, "ng/mL").Lab("transferrin-saturation", 25, "%")).Valid());

        Assert.Equal(expected, view.LabReadings.Single(r => r.Analyte == "ferritin").Decision);
        Assert.Null(view.LabReadings.Single(r => r.Analyte == "transferrin-saturation").Decision);
    }

    [Fact]
    public void Without_iron_advised_no_value_is_read_against_an_iron_threshold()
    {
        Assert.All(View("overload").LabReadings, r => Assert.Null(r.Decision));
    }

    [Fact]
    public void Warning_signs_are_grouped_by_level_with_the_words_of_that_level()
    {
        var groups = View("long-twitching").RedFlagGroups;

        var routine = Assert.Single(groups);
        Assert.Equal(TriageLevel.Routine, routine.Level);
        Assert.Equal("Worth checking with your doctor (not urgent)", routine.Heading);
    }
}
