using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Calfwise.Core.Report;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>The report's first page: who, what, how long, the warning signs asked and their answers, labs, medicines.</summary>
public sealed class DoctorSummaryTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;
    private static readonly DoctorSummaryBuilder Builder = new(Knowledge);

    [Fact]
    public void A_swollen_calf_shows_the_clot_warning_signs_asked_with_their_answers_and_not_the_complaints_again()
    {
        var input = CaseBuilder.Man(60).Yes("calf-pain", "calf-swelling-one-side").No("sudden-breathlessness-or-chest-pain").DontKnow("leg-warm-red").No("calf-twitching").Taking("atorvastatin").Build();

        var summary = Summarise(input);

        Assert.Equal("60 years, male", summary.Patient);
        Assert.Contains(Label("calf-pain"), summary.Complaints);
        Assert.Contains(Label("calf-twitching"), summary.Denied);
        Assert.Equal("Not asked", summary.Duration);
        Assert.Contains(summary.WarningSigns, s => s.FindingId == "sudden-breathlessness-or-chest-pain" && s.AnswerText == "No");
        Assert.Contains(summary.WarningSigns, s => s.FindingId == "leg-warm-red" && s.AnswerText == "Don't know");
        Assert.DoesNotContain(summary.WarningSigns, s => Knowledge.Interview.OpeningFindings.Contains(s.FindingId));
        Assert.All(summary.WarningSigns, s => Assert.True(input.WasAsked(s.FindingId), $"{s.FindingId} was not asked"));
        Assert.Contains(summary.Medicines, m => m.StartsWith("atorvastatin: ", StringComparison.Ordinal));
        Assert.Equal(AssessmentPresenter.Heading(TriageLevel.Urgent), summary.Triage);
    }

    [Fact]
    public void Pregnancy_duration_and_labs_are_in_words_with_units_dates_and_ranges()
    {
        var input = CaseBuilder.Woman(31).Pregnant(true, 2).Yes("urge-to-move-legs", "symptoms-longer-than-two-weeks").Lab("ferritin", 12, "ng/mL").Build();
        input = input with { Labs = [input.Labs[0] with { Date = new DateOnly(2026, 11, 3) }] };

        var summary = Summarise(input);

        Assert.Equal("31 years, female, pregnant (trimester 2)", summary.Patient);
        Assert.Equal("More than two weeks", summary.Duration);
        var ferritin = Assert.Single(summary.Labs);
        Assert.Equal("12 ng/mL", ferritin.Result);
        Assert.Equal("3 Nov 2026", ferritin.Date);
        Assert.EndsWith("µg/L", ferritin.Range, StringComparison.Ordinal);
        Assert.Equal("low", ferritin.Reading);
        Assert.True(ferritin.OutOfRange);
        Assert.NotNull(summary.LabDecision);
        Assert.Equal("None reported", summary.MedicinesText);
        Assert.Equal("40 years, female, pregnancy not asked", Summarise(CaseBuilder.Woman(40).Pregnant(null)).Patient);
        Assert.Equal("70 years, female", Summarise(CaseBuilder.Woman(70).Pregnant(null)).Patient);
    }

    [Fact]
    public void Warning_signs_are_those_of_urgent_and_emergency_flags_and_never_what_a_flag_excludes()
    {
        var signs = Builder.WarningSignFindings();

        var urgent = Knowledge.RedFlags.Where(f => f.Level >= TriageLevel.Urgent).SelectMany(f => f.When.Descendants()).OfType<FindingRule>().Select(r => r.FindingId).ToHashSet();
        Assert.NotEmpty(signs);
        Assert.All(signs, s => Assert.Contains(s, urgent));
        Assert.Contains("sudden-breathlessness-or-chest-pain", signs);
        var excludedOnly = Knowledge.RedFlags.SelectMany(f => f.When.Descendants()).OfType<NotRule>().SelectMany(n => n.Inner.Descendants()).OfType<FindingRule>()
            .Select(r => r.FindingId).Where(id => !Knowledge.RedFlags.Any(f => Positive(f.When).Contains(id)));
        Assert.All(excludedOnly, id => Assert.DoesNotContain(id, signs));
    }

    [Fact]
    public void Evidence_and_references_are_worded_without_internal_strings()
    {
        var absent = new EvidenceView("No: Calf fasciculations", 0.5, "×0.5", EvidenceGrade.B, 2);
        var policy = new NumberedSource(3, "calfwise-policy", "Calfwise project policy.", "urn:calfwise:docs:knowledge.md", EvidenceGrade.D);
        var paper = new NumberedSource(1, "x", "Allen RP et al. A paper. Sleep Med 2014.", "https://doi.org/10.1/x", EvidenceGrade.A);

        Assert.Equal("Calf fasciculations absent (likelihood ratio 0.5)", ReportText.Evidence(absent));
        Assert.Empty(ReportText.Telling([absent with { LikelihoodRatio = 0.999 }]));
        Assert.Equal("Calfwise project policy.", ReportText.Reference(policy));
        Assert.Equal("Allen RP et al. A paper. Sleep Med 2014. https://doi.org/10.1/x", ReportText.Reference(paper));
    }

    private static DoctorSummary Summarise(PatientCase input)
    {
        var validated = CaseValidator.Validate(input, Knowledge, TestDates.Today).Valid();
        var view = new AssessmentPresenter(Knowledge).Present(new AssessmentEngine(Knowledge).Assess(validated));
        return Builder.Build(input, validated.Age, view);
    }

    private static string Label(string findingId) => Knowledge.FindingsById[findingId].Label;

    private static HashSet<string> Positive(Rule rule) => rule switch
    {
        FindingRule f => [f.FindingId],
        AllRule all => all.Rules.SelectMany(Positive).ToHashSet(),
        AnyRule any => any.Rules.SelectMany(Positive).ToHashSet(),
        _ => [],
    };
}
