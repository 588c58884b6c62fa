using Calfwise.Core.Diary;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

public sealed class DiaryPatternTests
{
    private static readonly DiaryPatterns Patterns = new(EmbeddedKnowledge.Instance);
    private static readonly DateTimeOffset Evening = new(2026, 11, 1, 21, 0, 0, TimeSpan.Zero);

    private static DiaryEpisode Episode(int day, EpisodeKind kind, bool atRest = true, int hour = 21) =>
        new(Guid.NewGuid(), Evening.AddDays(day).AddHours(hour - 21), 5, Leg.Both, "calf", kind, 5, atRest);

    [Fact]
    public void Urges_to_move_mostly_at_rest_in_the_evening_answer_the_restless_legs_timing_findings()
    {
        var summary = Patterns.Summarize(Enumerable.Range(0, 5).Select(d => Episode(d, EpisodeKind.UrgeToMove)).ToList(), []);
        Assert.True(summary.Findings["worse-at-rest"]);
        Assert.True(summary.Findings["worse-evening-night"]);
    }

    [Fact]
    public void Night_cramps_at_rest_are_not_evidence_of_restless_legs()
    {
        var summary = Patterns.Summarize(Enumerable.Range(0, 8).Select(d => Episode(d, EpisodeKind.Cramp)).ToList(), []);
        Assert.Empty(summary.Findings);
    }

    [Fact]
    public void Too_few_episodes_show_no_pattern()
    {
        var summary = Patterns.Summarize(Enumerable.Range(0, 4).Select(d => Episode(d, EpisodeKind.UrgeToMove)).ToList(), []);
        Assert.Empty(summary.Findings);
        Assert.Contains(summary.Statements, s => s.Contains("at least 5", StringComparison.Ordinal));
    }

    [Fact]
    public void One_caffeine_day_is_not_a_trigger_but_three_against_three_can_be()
    {
        var date = DateOnly.FromDateTime(Evening.Date);
        DailyFactors Day(int d, int cups) => new(date.AddDays(d), cups, null, null, null, null, null, null);
        var episodes = Enumerable.Range(0, 6).Select(d => Episode(d % 3, EpisodeKind.Twitch, atRest: false, hour: 10)).ToList(); // all on days 0-2

        var oneDay = Patterns.Summarize(episodes, [Day(0, 6), Day(3, 0), Day(4, 0), Day(5, 0)]);
        Assert.False(oneDay.Findings.ContainsKey("high-caffeine-intake"));

        var threeEach = Patterns.Summarize(episodes, [Day(0, 6), Day(1, 5), Day(2, 4), Day(3, 0), Day(4, 1), Day(5, 0)]);
        Assert.True(threeEach.Findings["high-caffeine-intake"]);
        Assert.Contains(threeEach.Associations, a => a.FactorId == "caffeine" && a.Associated && a.DaysWith == 3 && a.DaysWithout == 3);
    }

    [Fact]
    public void The_diary_never_overrides_what_the_person_answered()
    {
        var summary = Patterns.Summarize(Enumerable.Range(0, 5).Select(d => Episode(d, EpisodeKind.UrgeToMove)).ToList(), []);
        var patient = new Cases.PatientCase(40, Sex.Female, null, new Dictionary<string, bool> { ["worse-at-rest"] = false }, [], [], null);
        var applied = DiaryPatterns.Apply(patient, summary);
        Assert.False(applied.Findings["worse-at-rest"]);
        Assert.True(applied.Findings["worse-evening-night"]);
    }

    // field that must be named, for one bad value each
    [Theory]
    [InlineData("intensity")]
    [InlineData("durationMinutes")]
    [InlineData("location")]
    [InlineData("leg")]
    [InlineData("start")]
    public void A_bad_episode_names_the_field(string field)
    {
        var good = Episode(0, EpisodeKind.Twitch);
        var bad = field switch
        {
            "intensity" => good with { Intensity = 11 },
            "durationMinutes" => good with { DurationMinutes = -1 },
            "location" => good with { Location = "calf\nshin" },
            "leg" => good with { Leg = (Leg)42 },
            _ => good with { Start = Evening.AddDays(30) },
        };
        Assert.Empty(good.Validate(Evening.AddDays(1)));
        Assert.Contains(bad.Validate(Evening.AddDays(1)), e => e.Field == field);
    }

    [Fact]
    public void Every_diary_error_is_a_plain_sentence_that_does_not_name_its_field()
    {
        var bad = new DiaryEpisode(Guid.Empty, Evening.AddDays(30), -1, (Leg)42, "", (EpisodeKind)42, 11, true);
        var day = new DailyFactors(DateOnly.FromDateTime(Evening.Date).AddDays(30), 99, 101, 25, 11, 2000, 21, null);
        var errors = bad.Validate(Evening).Concat(day.Validate(DateOnly.FromDateTime(Evening.Date))).ToList();

        Assert.Equal(13, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.True(char.IsUpper(e.Message[0]) && e.Message.EndsWith('.'), e.Message);
            Assert.DoesNotMatch(@"^\w+:|[a-z][A-Z]", e.Message); // no "start:" in front, no "caffeineCups" or "durationMinutes": those are for the API
        });
        Assert.Contains(errors, e => e is { Field: "start", Message: "The start time can't be in the future." });
        Assert.Contains(errors, e => e is { Field: "date", Message: "The date can't be in the future." });
    }

    [Fact]
    public void A_link_seen_on_few_days_is_worded_as_possibly_chance_and_one_seen_on_many_days_still_not_as_a_cause()
    {
        var policy = EmbeddedKnowledge.Instance.Diary;
        var date = DateOnly.FromDateTime(Evening.Date);
        List<DailyFactors> Days(int each) => Enumerable.Range(0, 2 * each)
            .Select(d => new DailyFactors(date.AddDays(d), d < each ? 6 : 0, null, null, null, null, null, null)).ToList();
        List<DiaryEpisode> EpisodesOnCoffeeDays(int each) => Enumerable.Range(0, Math.Max(each, 5)).Select(d => Episode(d % each, EpisodeKind.Twitch, atRest: false, hour: 10)).ToList();

        var few = Assert.Single(Patterns.Summarize(EpisodesOnCoffeeDays(policy.MinDaysEach), Days(policy.MinDaysEach)).Associations);
        Assert.True(few is { Associated: true, Steady: false });
        Assert.Equal(2 * policy.MinDaysEach, few.Days);
        Assert.Contains($"With only {2 * policy.MinDaysEach} days logged this may be coincidence", few.Statement, StringComparison.Ordinal);
        Assert.Contains("4+ cups of caffeine", few.Statement, StringComparison.Ordinal); // the knowledge's words, not the id
        Assert.DoesNotContain("high-caffeine-intake", few.Statement, StringComparison.Ordinal);
        Assert.Contains("may be coincidence", DiaryWording.Certainty(few), StringComparison.Ordinal);

        var many = Assert.Single(Patterns.Summarize(EpisodesOnCoffeeDays(policy.SteadyDaysEach), Days(policy.SteadyDaysEach)).Associations);
        Assert.True(many is { Associated: true, Steady: true });
        Assert.Contains($"This has held over {2 * policy.SteadyDaysEach} days, but it is a link, not proof", many.Statement, StringComparison.Ordinal);
        Assert.DoesNotContain("coincidence", DiaryWording.Certainty(many), StringComparison.Ordinal);
    }
}
