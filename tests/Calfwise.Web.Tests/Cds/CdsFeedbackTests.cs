using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Calfwise.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests.Cds;

/// <summary>The app with one administrator configured (Admin:Emails).</summary>
public sealed class CdsAdminHost : IDisposable
{
    public const string Admin = "Admin@Example.org";

    public CdsHost Host { get; } = new();

    public CdsAdminHost() => Host.Factory.Settings["Admin:Emails:0"] = Admin;

    public void Dispose() => Host.Dispose();
}

/// <summary>Feedback on cards is stored in the database, refused with a problem when malformed, and summarised for administrators.</summary>
public sealed class CdsFeedbackTests(CdsAdminHost admin) : IClassFixture<CdsAdminHost>
{
    private const string PatientView = "/cds-services/calfwise-patient-view";
    private const string OrderSelect = "/cds-services/calfwise-order-select";
    private const string Declined = "patient-declined";

    private CdsHost Host => admin.Host;

    private static JsonObject Item(string card, string outcome, DateTimeOffset at, string? reason = null)
    {
        var item = new JsonObject { ["card"] = card, ["outcome"] = outcome, ["outcomeTimestamp"] = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) };
        if (outcome == "accepted")
        {
            item["acceptedSuggestions"] = new JsonArray(new JsonObject { ["id"] = Guid.NewGuid().ToString() });
        }

        if (reason is not null)
        {
            item["overrideReason"] = new JsonObject
            {
                ["reason"] = new JsonObject { ["code"] = reason, ["system"] = Calfwise.Web.Cds.CdsOrderCards.OverrideSystem },
                ["userComment"] = "discussed with the patient",
            };
        }

        return item;
    }

    private async Task PostAsync(string service, params JsonObject[] items)
    {
        using var response = await Host.CallAsync(service + "/feedback", new JsonObject { ["feedback"] = new JsonArray(items) });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Feedback_is_stored_and_read_by_a_new_app_on_the_same_sqlite_file()
    {
        var card = "gi-workup:" + Guid.NewGuid();
        await PostAsync(PatientView, Item(card, "overridden", Host.Factory.Clock.GetUtcNow(), Declined));

        using var second = new CalfwiseFactory();
        second.Settings["Storage:SqlitePath"] = Host.Factory.DatabasePath;
        await using var scope = second.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<CalfwiseDbContext>().CdsFeedback.SingleAsync(f => f.Card == card);
        Assert.Equal(("calfwise-patient-view", "gi-workup", "overridden", Declined, "discussed with the patient"), (row.ServiceId, row.CardKind, row.Outcome, row.ReasonCode, row.Comment));
    }

    [Theory]
    [InlineData("""{"feedback":[]}""", "feedback: a non-empty array")]
    [InlineData("""{"feedback":[{"outcome":"accepted","acceptedSuggestions":[{"id":"s"}],"outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].card: required")]
    [InlineData("""{"feedback":[{"card":"c","outcome":"ignored","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].outcome: 'accepted' or 'overridden'")]
    [InlineData("""{"feedback":[{"card":"c","outcome":"accepted","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].acceptedSuggestions: required for an accepted outcome")]
    [InlineData("""{"feedback":[{"card":"c","outcome":"overridden","outcomeTimestamp":"yesterday"}]}""", "feedback[0].outcomeTimestamp: an ISO 8601 timestamp")]
    [InlineData("""{"feedback":[{"card":"c","outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z","overrideReason":{"reason":{"system":"s"}}}]}""", "feedback[0].overrideReason.reason.code: required")]
    [InlineData("""{"feedback":[{"card":42,"outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00Z"}]}""", "feedback[0].card: a non-empty string")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    public async Task Bad_feedback_is_a_400_problem_naming_the_field(string body, string expected)
    {
        using var response = await Host.CallAsync(PatientView + "/feedback", JsonNode.Parse(body)!);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_over_its_limit_is_refused()
    {
        var item = Item("c", "overridden", Host.Factory.Clock.GetUtcNow(), Declined);
        item["overrideReason"]!["userComment"] = new string('x', CdsFeedbackRow.MaxComment + 1);
        using var response = await Host.CallAsync(PatientView + "/feedback", new JsonObject { ["feedback"] = new JsonArray(item) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"at most {CdsFeedbackRow.MaxComment}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_page_counts_outcomes_reasons_and_days_per_service_and_card()
    {
        var now = Host.Factory.Clock.GetUtcNow();
        var yesterday = now.AddDays(-1);
        string Rls() => "rls-iron:" + Guid.NewGuid();
        await PostAsync(OrderSelect,
            Item(Rls(), "accepted", now), Item(Rls(), "accepted", yesterday),
            Item(Rls(), "overridden", now, Declined), Item(Rls(), "overridden", yesterday, Declined), Item(Rls(), "overridden", now),
            Item("raised-potassium:" + Guid.NewGuid(), "overridden", now.AddDays(-40), "clinical-judgement")); // outside the 30 days

        var page = await (await Host.Factory.SignedInClientAsync(CdsAdminHost.Admin.ToLowerInvariant())).GetAsync("/Admin/CdsFeedback");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("""<tr data-service="calfwise-order-select" data-card="rls-iron"><td>calfwise-order-select</td><td>rls-iron</td><td class="accepted">2</td><td class="overridden">3</td></tr>""", html, StringComparison.Ordinal);
        Assert.Contains("""data-card="rls-iron" data-reason="patient-declined"><td>calfwise-order-select</td><td>rls-iron</td><td>Patient declined</td><td class="count">2</td>""", html, StringComparison.Ordinal);
        Assert.Contains("""data-reason=""><td>calfwise-order-select</td><td>rls-iron</td><td>(no reason given)</td><td class="count">1</td>""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("raised-potassium", html, StringComparison.Ordinal);
        var today = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Matches($"""data-day="{today}"><td>[^<]+</td><td class="accepted">1</td><td class="overridden">2</td>""", html);
    }

    [Fact]
    public async Task A_signed_in_account_that_is_not_an_administrator_is_refused_with_403()
    {
        var client = await Host.Factory.SignedInClientAsync("someone@example.org");
        using var response = await client.GetAsync("/Admin/CdsFeedback");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Without_signing_in_the_page_sends_to_the_log_in()
    {
        using var response = await Host.Factory.Client().GetAsync("/Admin/CdsFeedback");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Identity/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
