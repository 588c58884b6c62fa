using Calfwise.Knowledge;
using Calfwise.Screening.Pipeline;
using Calfwise.Testing.Screening;
using Parquet;

namespace Calfwise.Screening.Tests;

/// <summary>What a screening writes besides the CSV, what it does with bad lines, and that a retried step duplicates nothing.</summary>
public sealed class ScreeningOutputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-screening-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(string Output, ScreeningResult Result, int Expected)> ScreenAsync(Action<string>? spoil = null)
    {
        var export = Path.Combine(_root, "export");
        var expected = LabelledExport.Write(export);
        spoil?.Invoke(export);
        var output = Path.Combine(_root, "out");
        return (output, await ScreeningJob.RunAsync(new ScreeningOptions(export, output, LabelledExport.AsOf), EmbeddedKnowledge.Instance), expected.Count);
    }

    [Fact]
    public async Task The_parquet_file_holds_the_same_rows_as_the_csv()
    {
        var (output, result, expected) = await ScreenAsync();

        await using var file = await ParquetReader.CreateAsync(Path.Combine(output, "screening.parquet"));
        var rows = 0L;
        for (var group = 0; group < file.RowGroupCount; group++)
        {
            using var reader = file.OpenRowGroupReader(group);
            rows += reader.RowCount;
        }

        Assert.Equal(expected, rows);
        Assert.Equal(expected, result.Rows);
        Assert.Equal(["patient_id", "rule_id", "age", "sex", "evidence", "sources"], file.Schema.GetDataFields().Select(f => f.Name));
    }

    [Fact]
    public async Task Lines_that_are_not_resources_are_named_and_counted_and_the_rest_is_screened()
    {
        var (output, result, expected) = await ScreenAsync(export =>
            File.AppendAllText(Path.Combine(export, "Condition.ndjson"), "{ not json\n[1, 2]\n"));

        Assert.Equal(2, result.Scan.Malformed);
        Assert.Contains(result.Scan.Problems, p => p.StartsWith("Condition.ndjson line", StringComparison.Ordinal) && p.Contains("not JSON", StringComparison.Ordinal));
        Assert.Contains(result.Scan.Problems, p => p.Contains("no resourceType", StringComparison.Ordinal));
        Assert.Equal(expected, result.Rows);
        Assert.Contains("lines that were not a FHIR resource", File.ReadAllText(Path.Combine(output, "summary.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summary_counts_what_was_not_read_with_its_reason_in_words()
    {
        var (output, result, _) = await ScreenAsync();

        var html = File.ReadAllText(Path.Combine(output, "summary.html"));
        var outside = result.Scan.Skipped.GetValueOrDefault("Observation/OutsideLabWindow");
        Assert.Equal(3 * LabelledExport.Variants, outside); // the labelled export's labs of 366 and 400 days ago, and the one dated tomorrow
        Assert.Contains($"<tr><td>resources not read: Observation/OutsideLabWindow (a lab dated outside the year before the day of screening, which no rule reads)</td><td class=\"n\">{outside:N0}</td></tr>", html, StringComparison.Ordinal);
        Assert.All(Enum.GetValues<SkipReason>(), reason => Assert.Equal(SkipReasons.Describe(reason), SkipReasons.DescribeKey($"Observation/{reason}")));
        Assert.Null(SkipReasons.DescribeKey("Observation/Misread"));
    }

    [Fact]
    public async Task The_summary_shows_the_patients_each_rule_found()
    {
        var (output, result, _) = await ScreenAsync();

        var html = File.ReadAllText(Path.Combine(output, "summary.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        foreach (var rule in Population.ScreeningRules.All)
        {
            var found = result.Assess.Hits.Where(h => h.Key.StartsWith(rule.Id + "|", StringComparison.Ordinal)).Sum(h => h.Value);
            Assert.True(found > 0, rule.Id);
            Assert.Contains($"<tr><td>{System.Net.WebUtility.HtmlEncode(rule.Title)}</td><td class=\"n\">{found:N0}</td></tr>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_retried_step_duplicates_nothing()
    {
        var export = Path.Combine(_root, "export");
        LabelledExport.Write(export);
        var plan = ScreeningJob.Plan(new ScreeningOptions(export, Path.Combine(_root, "out"), LabelledExport.AsOf, ChunkBytes: 4096));
        var views = ScreeningViews.Load();
        var first = plan.Items.Select(i => ScanStep.Run(i, plan.Job, plan.Buckets, views, EmbeddedKnowledge.Instance, LabelledExport.AsOf).Facts).Sum();
        var again = plan.Items.Select(i => ScanStep.Run(i, plan.Job, plan.Buckets, views, EmbeddedKnowledge.Instance, LabelledExport.AsOf).Facts).Sum();
        var screener = new Population.Screener(EmbeddedKnowledge.Instance, LabelledExport.AsOf);
        var patients = Enumerable.Range(0, plan.Buckets).Sum(b => AssessStep.Run(b, plan.Buckets, plan.Job, screener).Patients);
        var assessedAgain = Enumerable.Range(0, plan.Buckets).Sum(b => AssessStep.Run(b, plan.Buckets, plan.Job, screener).Patients);

        Assert.Equal(first, again);
        Assert.Equal(LabelledExport.Variants * Scenarios.All.Count, patients);
        Assert.Equal(patients, assessedAgain);
        Assert.Equal(plan.Items.Count, Directory.GetDirectories(Path.Combine(plan.Job.Root, "scan")).Length);
    }
}
