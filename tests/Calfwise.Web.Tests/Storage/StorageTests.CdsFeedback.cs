using Calfwise.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests.Storage;

/// <summary>The storage contract for CDS Hooks feedback: rows kept with their fields, summarised per card kind, reason and day.</summary>
public abstract partial class StorageTests
{
    private static CdsFeedbackRow Feedback(string kind, string outcome, DateTimeOffset at, string? reason = null) => new()
    {
        Id = Guid.NewGuid(), ServiceId = "calfwise-patient-view", Card = kind + ":" + Guid.NewGuid(), CardKind = kind, Outcome = outcome,
        OutcomeAt = at, ReceivedAt = at, ReasonSystem = reason is null ? null : "https://example.org/reasons", ReasonCode = reason,
    };

    [Fact]
    public async Task Feedback_is_summarised_per_card_kind_reason_and_day_within_the_period()
    {
        await MigrateAsync();
        var day = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CdsFeedbackStore>().AddAsync(
            [
                Feedback("gi-workup", "accepted", day), Feedback("gi-workup", "overridden", day, "patient-declined"),
                Feedback("gi-workup", "overridden", day.AddDays(1), "patient-declined"), Feedback("rls-iron", "overridden", day.AddDays(1)),
                Feedback("gi-workup", "accepted", day.AddDays(-10)), // before the period
            ]);
        }

        await using (var scope = Services.CreateAsyncScope())
        {
            var summary = await scope.ServiceProvider.GetRequiredService<CdsFeedbackStore>().SummaryAsync(day.AddDays(-1), day.AddDays(2));
            Assert.Equal(
                [new CdsCardCounts("calfwise-patient-view", "gi-workup", 1, 2), new CdsCardCounts("calfwise-patient-view", "rls-iron", 0, 1)],
                summary.Cards);
            Assert.Equal(
                [new CdsReasonCount("calfwise-patient-view", "gi-workup", "https://example.org/reasons", "patient-declined", 2), new CdsReasonCount("calfwise-patient-view", "rls-iron", null, null, 1)],
                summary.Reasons);
            Assert.Equal([new CdsDayCounts(new DateOnly(2026, 11, 20), 1, 1), new CdsDayCounts(new DateOnly(2026, 11, 21), 0, 2)], summary.Days);
        }
    }
}
