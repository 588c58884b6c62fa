using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Calfwise.Knowledge;
using Microsoft.Extensions.Time.Testing;

namespace Calfwise.Core.Tests;

/// <summary>The validated case: birth dates, lab dates, and what validation computes once for the engine.</summary>
public sealed class CaseValidatorTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Theory]
    [InlineData("1986-06-02", 40, 39)] // the day before the 40th birthday
    [InlineData("1986-06-01", 40, 40)] // on the birthday
    [InlineData("1986-06-01", 39, 40)] // an age given a year off is accepted, and the birth date wins
    [InlineData("2026-06-01", 0, 0)] // born today
    [InlineData("2024-02-29", 2, 2)] // a leap-day birthday
    public void The_age_is_computed_from_the_birth_date(string birthDate, int givenAge, int expected)
    {
        var patient = CaseBuilder.Woman(givenAge).Build() with { BirthDate = DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(expected, CaseValidator.Validate(patient, Knowledge, Today).Valid().Age);
    }

    [Fact]
    public void Without_a_birth_date_the_given_age_is_used()
    {
        Assert.Equal(42.5m, CaseValidator.Validate(CaseBuilder.Man(42.5m), Knowledge, Today).Valid().Age);
    }

    [Theory]
    [InlineData("2026-06-02", 0, "must not be in the future")]
    [InlineData("1900-01-01", 120, "more than 120 years")]
    [InlineData("1986-01-01", 30, "gives an age of 40")] // more than a year from the age given
    public void A_bad_birth_date_is_rejected_naming_birthDate(string birthDate, int givenAge, string message)
    {
        var patient = CaseBuilder.Woman(givenAge).Build() with { BirthDate = DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture) };
        var result = CaseValidator.Validate(patient, Knowledge, Today);
        Assert.False(result.IsSuccess);
        var error = Assert.Single(result.Errors);
        Assert.Equal("birthDate", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lab_dated_after_today_is_rejected()
    {
        var patient = CaseBuilder.Woman(40).Lab("ferritin", 30, "ng/mL").Build();
        var result = CaseValidator.Validate(patient with { Labs = [patient.Labs[0] with { Date = Today.AddDays(1) }] }, Knowledge, Today);
        var error = Assert.Single(result.Errors);
        Assert.Equal("labs[0].date", error.Field);
        Assert.Contains("must not be after today (2026-06-02 is after 2026-06-01)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lab_dated_before_the_birth_date_is_rejected()
    {
        var patient = CaseBuilder.Woman(40).Lab("ferritin", 30, "ng/mL").Build() with { BirthDate = new(1986, 1, 1) };
        var result = CaseValidator.Validate(patient with { Labs = [patient.Labs[0] with { Date = new(1985, 12, 31) }] }, Knowledge, Today);
        Assert.Equal("labs[0].date", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void A_lab_dated_today_keeps_its_date_and_is_converted_once_to_its_canonical_unit()
    {
        var patient = CaseBuilder.Woman(40).Lab("ferritin", 224.7m, "pmol/L").Build();
        var validated = CaseValidator.Validate(patient with { Labs = [patient.Labs[0] with { Date = Today }] }, Knowledge, Today).Valid();
        var lab = Assert.Single(validated.Labs);
        Assert.Same(Knowledge.AnalytesById[AnalyteIds.Ferritin], lab.Analyte);
        Assert.Equal((224.7m, "pmol/L"), (lab.Reported.Value, lab.Reported.Ucum));
        Assert.Equal((100m, "ug/L"), (decimal.Round(lab.Canonical.Value, 6), lab.Canonical.Ucum));
        Assert.Equal(Today, lab.Date);
    }

    [Fact]
    public void Validation_sorts_medicines_into_classes_and_keeps_unknown_ones_as_warnings()
    {
        var drug = Knowledge.DrugClasses.Keys.Order(StringComparer.Ordinal).First();
        var validated = CaseValidator.Validate(CaseBuilder.Woman(40).Taking(drug, "unknownium").Build(), Knowledge, Today).Valid();
        Assert.Equal(Knowledge.DrugClasses[drug], validated.MedicationClasses);
        Assert.Equal(["unknownium"], validated.UnknownMedications);
    }

    [Fact]
    public void An_answer_overlaid_on_a_validated_case_keeps_its_labs_age_and_other_answers()
    {
        var validated = CaseValidator.Validate(CaseBuilder.Woman(40).Yes("sleep-disturbed").Lab("crp", 30, "mg/L").Build(), Knowledge, Today).Valid();
        var answered = validated.WithAnswer(Knowledge.FindingsById["calf-twitching"], true);
        Assert.Equal((true, true, (bool?)null), (answered.Answer("calf-twitching"), answered.Answer("sleep-disturbed"), validated.Answer("calf-twitching")));
        Assert.Same(validated.Labs, answered.Labs);
        Assert.Equal((40m, true), (answered.Age, answered.Inflammation));
    }

    [Fact]
    public void The_engine_reads_the_age_the_birth_date_gives_on_its_clock()
    {
        // Ferritin 60 ng/mL: iron for an adult's restless legs (at or below 75), not for a child's (50 or more).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var engine = new AssessmentEngine(Knowledge, clock);
        var adult = CaseBuilder.Woman(18).Lab("ferritin", 60, "ng/mL").Build();
        Assert.Equal(IronPlan.OralOrIv, engine.Assess(adult).Valid().Iron.Plan);
        Assert.Equal(IronPlan.NoIron, engine.Assess(adult with { BirthDate = new(2008, 6, 2) }).Valid().Iron.Plan); // 17 until tomorrow
    }

    [Fact]
    public void A_case_validated_against_another_knowledge_base_is_refused()
    {
        var other = KnowledgeLoader.LoadCompiled(EmbeddedKnowledge.Compiled()).Knowledge;
        Assert.NotNull(other);
        var validated = CaseValidator.Validate(CaseBuilder.Woman(40), other, Today).Valid();
        Assert.Throws<ArgumentException>(() => new AssessmentEngine(Knowledge).Assess(validated));
        Assert.Throws<ArgumentException>(() => new Differential(Knowledge).Rank(validated, [])); // its medicine classes are the other knowledge's objects
        Assert.Same(other, validated.Knowledge);
    }

    [Fact]
    public void Assessing_an_invalid_case_fails_with_the_validator_errors_and_no_value()
    {
        var result = new AssessmentEngine(Knowledge).Assess(CaseBuilder.Woman(40).Build() with { BirthDate = DateOnly.MaxValue });
        Assert.False(result.IsSuccess);
        Assert.Null(result.Value);
        Assert.Equal("birthDate", Assert.Single(result.Errors).Field);
    }
}
