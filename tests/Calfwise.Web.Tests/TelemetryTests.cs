using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Calfwise.Web.Tests;

/// <summary>Issue 11: metrics without personal data, a Prometheus endpoint only when configured, and logs that hold nothing of the person.</summary>
public sealed class TelemetryTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    private const string Case = """{"age": 45, "sex": "female", "findings": {"urge-to-move-legs": true}, "labs": [{"analyte": "ferritin", "value": 23.456, "unit": "ng/mL"}]}""";

    [Fact]
    public async Task There_is_no_metrics_endpoint_unless_configured()
    {
        var response = await factory.Client().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_prometheus_endpoint_counts_assessments_by_triage_level_and_nothing_personal()
    {
        using var configured = factory.WithWebHostBuilder(b => b.UseSetting("Telemetry:Prometheus", "true"));
        var client = configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var assessed = await client.PostAsync("/api/assessments", new StringContent(Case, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);

        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("calfwise_assessments", metrics, StringComparison.Ordinal);
        Assert.Contains("triage=\"routine\"", metrics, StringComparison.Ordinal);
        Assert.Contains("calfwise_assessment_duration", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("23.456", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_flow_leaves_no_email_note_or_lab_value_in_the_logs()
    {
        var logs = new CapturingLogs();
        using var logged = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var marker = Guid.NewGuid().ToString("N");
        var email = $"private-{marker}@example.org";
        var note = $"note-{marker}";

        // Register through the real form, keep a diary with a note, assess a case with a lab value, save the results.
        var client = logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        const string Passphrase = "a long private passphrase";
        await CalfwiseFactory.PostFormAsync(client, "/Identity/Account/Register", new() { ["Input.Email"] = email, ["Input.Password"] = Passphrase, ["Input.ConfirmPassword"] = Passphrase });
        var login = await CalfwiseFactory.PostFormAsync(client, "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Passphrase });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var episode = await client.PostAsJsonAsync("/api/diary/episodes", new { start = "2026-11-20T21:30:00+01:00", durationMinutes = 10, leg = "left", location = note, kind = "urge-to-move", intensity = 6, atRest = true });
        Assert.Equal(HttpStatusCode.Created, episode.StatusCode);
        await client.PostAsync("/api/assessments", new StringContent(Case, Encoding.UTF8, "application/json"));
        var resultsToken = await CalfwiseFactory.TokenAsync(client, "/Labs");
        var saved = await client.PostAsync("/Results?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string> { ["case"] = Case, ["__RequestVerificationToken"] = resultsToken }));
        Assert.Contains("Saved to your account", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(note, await client.GetStringAsync("/Report?handler=Csv"), StringComparison.Ordinal);
        await client.PostAsync("/api/assessments", new StringContent(Case.Replace("45", $"\"{marker}\"", StringComparison.Ordinal), Encoding.UTF8, "application/json")); // refused

        Assert.False(logs.Lines.IsEmpty, "nothing was logged: the capture is not wired");
        foreach (var secret in new[] { email, marker, "23.456" })
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class CapturingLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Queue { get; } = new();

        public ConcurrentQueue<string> Lines => Queue;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    owner.Queue.Enqueue($"{category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}
