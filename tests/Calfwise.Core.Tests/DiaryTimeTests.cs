using Calfwise.Core.Diary;

namespace Calfwise.Core.Tests;

/// <summary>The one rule for diary time: instants with a named tolerance, days on the person's own calendar.</summary>
public sealed class DiaryTimeTests
{
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    [Fact]
    public void An_instant_is_in_the_future_only_beyond_the_tolerance()
    {
        var now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

        Assert.False(DiaryTime.IsInFuture(now + DiaryTime.FutureTolerance, now));
        Assert.True(DiaryTime.IsInFuture(now + DiaryTime.FutureTolerance + TimeSpan.FromSeconds(1), now));
        Assert.True(DiaryTime.IsInFuture(now.AddMinutes(10).ToOffset(TimeSpan.FromHours(13)), now)); // the offset does not matter, the instant does
        Assert.False(DiaryTime.IsInFuture(new DateTimeOffset(2026, 11, 21, 0, 59, 0, TimeSpan.FromHours(13)), now));
    }

    [Fact]
    public void Today_is_the_persons_date_in_their_zone()
    {
        var evening = new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 11, 21), new PersonalNow(evening, Auckland).Today);
        Assert.Equal(new DateOnly(2026, 11, 20), new PersonalNow(evening, TimeZoneInfo.Utc).Today);
        Assert.False(DiaryTime.IsInFuture(new DateOnly(2026, 11, 21), new PersonalNow(evening, Auckland).Today));
        Assert.True(DiaryTime.IsInFuture(new DateOnly(2026, 11, 21), new PersonalNow(evening, TimeZoneInfo.Utc).Today));
    }

    [Fact]
    public void A_wall_clock_time_is_read_in_the_persons_zone_with_its_offset_and_a_skipped_one_is_refused()
    {
        // Summer (NZDT, +13) and winter (NZST, +12).
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 21, 30, 0, TimeSpan.FromHours(13)), DiaryTime.At(new DateOnly(2026, 11, 20), new TimeOnly(21, 30), Auckland));
        Assert.Equal(new DateTimeOffset(2026, 6, 20, 21, 30, 0, TimeSpan.FromHours(12)), DiaryTime.At(new DateOnly(2026, 6, 20), new TimeOnly(21, 30), Auckland));

        // 27 September 2026: clocks go from 02:00 to 03:00, so 02:30 never happened.
        Assert.Null(DiaryTime.At(new DateOnly(2026, 9, 27), new TimeOnly(2, 30), Auckland));

        // 5 April 2026: clocks go back from 03:00 to 02:00, so 02:30 happened twice; the first (+13) is meant.
        Assert.Equal(TimeSpan.FromHours(13), DiaryTime.At(new DateOnly(2026, 4, 5), new TimeOnly(2, 30), Auckland)!.Value.Offset);
    }
}
