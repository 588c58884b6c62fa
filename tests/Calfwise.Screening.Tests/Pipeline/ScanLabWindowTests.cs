using Calfwise.Knowledge;
using Calfwise.Screening.Pipeline;

namespace Calfwise.Screening.Tests.Pipeline;

/// <summary>
/// The scan leaves out a lab outside the rules' window however its line is read: unparsed by the prefilter, or parsed
/// (a period, a lone issued, whitespace or an escape the prefilter does not look through) and dropped by its day.
/// Every line is counted once, and only the labs of the window are kept.
/// </summary>
public sealed class ScanLabWindowTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-scan-window-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Head = LabWindowPrefilterTests.Head;

    /// <summary>An escaped property name: read through a JsonDocument, not streamed.</summary>
    private static readonly string Escaped = Head.Replace("\"status\"", "\"st\\u0061tus\"", StringComparison.Ordinal);

    /// <summary>Each line, and whether its lab is kept on <see cref="Today"/>.</summary>
    private static readonly (string Line, bool Kept)[] Lines =
    [
        (Head + ""","effectiveDateTime":"2020-01-02T08:00:00Z"}""", false), // left unparsed
        (Head + ""","effectivePeriod":{"start":"2025-10-27"}}""", false), // 400 days before: parsed, then dropped
        (Head + ""","effectivePeriod":{"start":"2026-12-02"}}""", false), // the day after
        (Head + ""","issued":"2025-11-30T09:00:00Z"}""", false), // 366 days before
        (Head + ""","effectiveDateTime" : "2025-11-30"}""", false),
        (Escaped + ""","effectiveDateTime":"2025-11-30"}""", false),
        (Head + ""","issued":"2025-12-01T09:00:00Z"}""", true), // 365 days before: the window's first day
        (Head + ""","effectiveDateTime" : "2026-12-01"}""", true), // the day of screening
        (Head + ""","effectivePeriod":{"start":"2026-11-21"},"issued":"2020-01-02"}""", true),
        (Escaped + ""","effectiveDateTime":"2026-06-01"}""", true),
    ];

    [Fact]
    public void A_lab_outside_the_window_is_counted_and_left_out_whichever_way_its_line_is_read()
    {
        var export = Directory.CreateDirectory(Path.Combine(_root, "export")).FullName;
        var heartRate = """{"resourceType":"Observation","id":"hr","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/p1"},"valueQuantity":{"value":60},"effectiveDateTime":"2026-11-30"}""";
        File.WriteAllText(Path.Combine(export, "Observation.ndjson"), string.Join('\n', Lines.Select(l => l.Line).Append(heartRate)) + "\n");

        var counts = Scan(export, Today);

        Assert.Equal(Lines.Length + 1, counts.Lines.GetValueOrDefault("Observation"));
        Assert.Equal(Lines.Count(l => l.Kept), counts.Facts);
        Assert.Equal(Lines.Count(l => !l.Kept), counts.Skipped.GetValueOrDefault("Observation/OutsideLabWindow"));
        Assert.Equal(1, counts.Skipped.GetValueOrDefault("Observation/NotBound"));
        Assert.Equal(counts.Lines.Values.Sum(), counts.Facts + counts.Skipped.Values.Sum());
        Assert.Equal(0, counts.Malformed);

        // The same lines on a day 400 days earlier: the window is the day's, not a fixed one.
        var earlier = Scan(export, Today.AddDays(-400));
        Assert.Equal(1, earlier.Facts); // the period starting 2025-10-27, that day's lab
        Assert.Equal(Lines.Length - 1, earlier.Skipped.GetValueOrDefault("Observation/OutsideLabWindow"));
    }

    private ScanCounts Scan(string export, DateOnly today)
    {
        var plan = ScreeningJob.Plan(new ScreeningOptions(export, Path.Combine(_root, $"out-{today:yyyyMMdd}"), today));
        var counts = new ScanCounts();
        foreach (var item in plan.Items)
        {
            counts.Add(ScanStep.Run(item, plan.Job, plan.Buckets, ScreeningViews.Shipped, EmbeddedKnowledge.Instance, today));
        }

        return counts;
    }
}
