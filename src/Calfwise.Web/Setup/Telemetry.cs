using System.Diagnostics;
using System.Diagnostics.Metrics;
using Calfwise.Core.Knowledge;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Calfwise.Web.Setup;

/// <summary>
/// Metrics and traces without personal data (docs/web.md): request rates and latencies, assessment time and counts by
/// triage level. Nothing about the person is recorded, only the triage level of an assessment. A Prometheus endpoint
/// (<c>/metrics</c>) is served only when <c>Telemetry:Prometheus</c> is true.
/// </summary>
public sealed class CalfwiseMetrics : IDisposable
{
    public const string MeterName = "Calfwise";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _assessments;
    private readonly Histogram<double> _duration;

    public CalfwiseMetrics()
    {
        _assessments = _meter.CreateCounter<long>("calfwise.assessments", unit: "{assessment}", description: "Assessments made, by triage level.");
        _duration = _meter.CreateHistogram<double>("calfwise.assessment.duration", unit: "ms", description: "Time to assess one case.");
    }

    /// <summary>Counts one assessment and its time; <paramref name="started"/> is a <see cref="Stopwatch.GetTimestamp"/> reading.</summary>
    public void Assessed(TriageLevel level, long started)
    {
        var tag = new KeyValuePair<string, object?>("triage", level.ToId());
        _assessments.Add(1, tag);
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tag);
    }

    public void Dispose() => _meter.Dispose();
}

public static class Telemetry
{
    public static void AddCalfwiseTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CalfwiseMetrics>();
        var prometheus = configuration.GetValue("Telemetry:Prometheus", false);
        services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CalfwiseMetrics.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(options =>
            {
                // Paths only: a query string can carry an email (log-in links) or a date, so none is recorded.
                options.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                options.RecordException = false;
            }));
    }

    /// <summary>Maps <c>/metrics</c> when <c>Telemetry:Prometheus</c> is true; otherwise there is no such address.</summary>
    public static void MapCalfwiseTelemetry(this WebApplication app)
    {
        if (app.Configuration.GetValue("Telemetry:Prometheus", false))
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }
    }
}
