using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Calfwise.Knowledge;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;
using Calfwise.Screening.Synth;
using Calfwise.Screening.Tests.Synth;
using Calfwise.Testing.Screening;

namespace Calfwise.Screening.Tests.Pipeline;

/// <summary>
/// The scan leaves an Observation line unparsed only when its lab, if it has one, is certainly dated outside the year
/// the rules read: never a line whose lab the general reading (a JsonDocument through the view) would keep.
/// </summary>
public sealed class LabWindowPrefilterTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-lab-window-").FullName;
    private readonly FactMapper _mapper = new(EmbeddedKnowledge.Instance);
    private readonly LabWindowPrefilter _filter = new(Today);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A ferritin result with everything but its day (the scan's tests use it too).</summary>
    internal const string Head = """{"resourceType":"Observation","id":"o1","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2276-4"}]},"subject":{"reference":"Patient/p1"},"valueQuantity":{"value":12,"system":"http://unitsofmeasure.org","code":"ng/mL"}""";

    public static TheoryData<string, bool> Lines() => new()
    {
        { Head + ""","effectiveDateTime":"2020-01-02T10:00:00Z","issued":"2020-01-03T10:00:00Z"}""", true },
        { Head + ""","effectiveDateTime":"2025-11-30"}""", true }, // 366 days before
        { Head + ""","effectiveDateTime":"2026-12-02T00:00:00Z"}""", true }, // after the day of screening
        { Head + ""","effectiveDateTime":"2025-12-01"}""", false }, // 365 days before: read
        { Head + ""","effectiveDateTime":"2026-12-01T23:59:59+14:00"}""", false },
        { Head + ""","effectiveDateTime":"2020-01-02","issued":"2026-11-30T00:00:00Z"}""", false },
        { Head + ""","contained":[{"resourceType":"Observation","effectiveDateTime":"2020-01-02"}],"issued":"2026-11-30T00:00:00Z"}""", false },
        { Head + ""","contained":[{"resourceType":"Observation","effectiveDateTime":"2020-01-02","issued":"2020-01-02"}],"issued":"2026-11-30"}""", false },
        { Head + ""","effectivePeriod":{"start":"2020-01-02"}}""", false },
        { Head + ""","effectiveDateTime":"2020-01-02","effectivePeriod":{"start":"2026-11-02"}}""", false },
        { Head + ""","effectiveInstant":"2020-01-02T00:00:00Z","issued":"2026-11-30"}""", false },
        { Head + ""","effectiveDateTime" : "2020-01-02"}""", false },
        { Head + ""","effectiveDateTime":"2020-01"}""", false },
        { Head + ""","effectiveDateTime":"2020"}""", false },
        { Head + ""","effectiveDateTime":"2020-02-30"}""", false },
        { Head + ""","effectiveDateTime":"2020-01-02","issued" : "2026-11-30"}""", false },
        { Head + ""","effectiveDateTime":"2020-01-02","issued":20261130}""", false },
        { Head + ""","effectiveDateTime":"2020-01-02","note":[{"text":"issued"}]}""", false },
        { Head + ""","effectiveDateTime":"2020-01-0\u0032"}""", false },
        { Head + ""","effective\u0044ateTime":"2026-11-02","effectiveDateTime":"2020-01-02"}""", false },
        { Head + ""","effectiveDateTime":"2020-01-02"} """, false },
        { """{"id":"o1","resourceType":"Observation","effectiveDateTime":"2020-01-02"}""", false },
        { """{"resourceType":"MedicationStatement","effectiveDateTime":"2020-01-02"}""", false },
        { "", false },
        { Head + ""","effectiveDateTime":"2020-01-02","issued":"2020-01-03","issued":"2026-11-30"}""", false }, // a repeated issued: the last is read
        { Head + ""","effectiveDateTime":"2026-11-30","effectiveDateTime":"2020-01-02"}""", false },
        { Head + ""","effectiveDateTime":"2020-01-02","effective":"2026-11-30"}""", false },
        { Head + ""","effectiveDateTime":"2020-01-02","note":[{"text":"effectiveDateTime"}]}""", false },
        { Head + ""","contained":[{"resourceType":"Observation","effectiveDateTime":"2026-11-30"}],"issued":"2020-01-02"}""", false },
        { Head + ""","contained":[{"resourceType":"Observation","effectiveDateTime":"2020-01-02"}],"issued":"2020-01-03"}""", true },
        { Head + ""","effectiveDateTime":"2020-01-02","_effectiveDateTime":{"extension":[{"url":"http://example.org/x","valueDateTime":"2026-11-30"}]}}""", true },
        { """{"resourceType":"Observation","effectiveDateTime":"2020-01-02",""" + Head[30..] + "}", true }, // the day first
        { Head + ""","effectiveDateTime":"2026-12-02T00:30:00+14:00"}""", true }, // the day as written, whatever the offset
        { Head + ""","effectiveDateTime":"2020-01-02T"}""", true },
        { Head + ""","effectiveDateTime":"0001-01-01"}""", true },
        { Head + ""","effectiveDateTime":"9999-12-31T23:59:59Z"}""", true },
        { Head + ""","effectiveDateTime":"2024-02-29"}""", true },
        { Head + ""","effectiveDateTime":"0000-01-01"}""", false },
        { Head + ""","effectiveDateTime":"2025-02-29"}""", false },
        { Head + ""","effectiveDateTime":"2020-01-\uFF102"}""", false },
        { Head + ""","effectiveDateTime":"2020-01-０2"}""", false }, // a fullwidth digit
        { Head + ""","effectiveDateTime":"2020-01-٠2"}""", false }, // an Arabic-Indic digit
        { "\uFEFF" + Head + ""","effectiveDateTime":"2020-01-02"}""", false },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void A_line_is_left_out_only_when_its_day_is_certainly_outside_the_window(string line, bool outside)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        Assert.Equal(outside, _filter.IsOutside(bytes));
        if (outside)
        {
            Assert.False(Kept(line), "the general reading keeps the lab");
        }
    }

    [Fact]
    public void The_window_is_the_rules_year_up_to_the_day_of_screening()
    {
        Assert.True(RecordCase.InLabWindow(Today, Today));
        Assert.True(RecordCase.InLabWindow(Today.AddDays(-RecordCase.LabWindowDays), Today));
        Assert.False(RecordCase.InLabWindow(Today.AddDays(-RecordCase.LabWindowDays - 1), Today));
        Assert.False(RecordCase.InLabWindow(Today.AddDays(1), Today));
        Assert.True(Screener.CriticalWindowDays <= RecordCase.LabWindowDays); // the critical-value rule reads inside it
    }

    [Theory]
    [InlineData("labelled")]
    [InlineData("synthetic")]
    public void No_observation_of_an_export_or_its_variants_that_the_general_reading_keeps_is_left_out(string kind)
    {
        var export = Directory.CreateDirectory(Path.Combine(_root, kind)).FullName;
        if (kind == "labelled")
        {
            LabelledExport.Write(export);
        }
        else
        {
            new SynthExport(EmbeddedKnowledge.Instance).Write(new SynthOptions(200, 5, Today), export);
        }

        int left = 0, kept = 0;
        foreach (var path in Directory.GetFiles(export, "Observation*.ndjson"))
        {
            foreach (var line in ExportFiles.Lines(path).SelectMany(Variants))
            {
                var outside = _filter.IsOutside(Encoding.UTF8.GetBytes(line));
                var read = Kept(line);
                Assert.False(outside && read, line);
                left += outside ? 1 : 0;
                kept += read ? 1 : 0;
            }
        }

        Assert.True(left > 50 && kept > 50, $"{left} left out, {kept} kept"); // both kinds of line are met
    }

    /// <summary>The line, and the same resource with its day moved about the window's edges, nested or taken away.</summary>
    private static IEnumerable<string> Variants(string line)
    {
        yield return line;
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        foreach (var day in new[] { Today, Today.AddDays(1), Today.AddDays(-RecordCase.LabWindowDays), Today.AddDays(-RecordCase.LabWindowDays - 1) })
        {
            var moved = JsonNode.Parse(line)!.AsObject();
            if (moved.ContainsKey("effectiveDateTime"))
            {
                moved["effectiveDateTime"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T08:00:00Z";
            }

            yield return moved.ToJsonString(options);
            moved["issued"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            yield return moved.ToJsonString(options);
        }

        var nested = JsonNode.Parse(line)!.AsObject();
        if (nested["effectiveDateTime"] is { } effective)
        {
            nested.Remove("effectiveDateTime");
            nested["contained"] = new JsonArray(new JsonObject { ["resourceType"] = "Observation", ["effectiveDateTime"] = effective.DeepClone() });
            nested["issued"] = Today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            yield return nested.ToJsonString(options);
        }
    }

    /// <summary>Whether the general reading (a JsonDocument through the view) gives a lab the rules read on <see cref="Today"/>.</summary>
    private bool Kept(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var mapped = ScreeningViews.Shipped.ReaderFor("Observation", _mapper)!.Map(document.RootElement);
            return mapped.Fact is LabFact lab && RecordCase.InLabWindow(lab.Date, Today);
        }
    }
}
