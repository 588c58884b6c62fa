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
}
