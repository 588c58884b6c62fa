using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>
/// Fixed cases for "I don't know" on red-flag findings, found by the safety properties: an extra "don't know"
/// must never close a red flag that fewer "don't know" answers left open.
/// </summary>
public sealed class DontKnowRedFlagTests
{
    /// <summary>
    /// The case <c>Dont_know_never_gives_a_lower_triage_than_no_answer_at_all</c> once found (shrunk): calf pain and
    /// a previous clot not known leave a DVT open. Not knowing about a swollen calf as well, which alone would make
    /// the DVT rule hold, used to close it (self-care), while leaving the swelling unasked kept it (urgent).
    /// </summary>
    [Fact]
    public void Not_knowing_about_a_swollen_calf_too_keeps_a_dvt_not_ruled_out()
    {
        var unasked = CaseBuilder.Woman(75).Pregnant(false).DontKnow("calf-pain", "previous-dvt").Build();
        var dontKnow = unasked.WithDontKnow("calf-swelling-one-side");

        var withoutAnswer = SafetyCases.Engine.Assess(unasked).Valid();
        var notKnown = SafetyCases.Engine.Assess(dontKnow).Valid();

        Assert.Contains(withoutAnswer.RedFlags, f => f.Id == "suspected-dvt");
        var dvt = Assert.Single(notKnown.RedFlags, f => f.Id == "suspected-dvt");
        Assert.Contains("calf-swelling-one-side", dvt.NotRuledOut);
        Assert.True(notKnown.Triage.Level >= withoutAnswer.Triage.Level, $"don't know gave {notKnown.Triage.Level}, no answer {withoutAnswer.Triage.Level}");
        Assert.Equal(TriageLevel.Urgent, notKnown.Triage.Level);
    }
}
