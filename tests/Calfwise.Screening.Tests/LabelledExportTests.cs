using Calfwise.Knowledge;
using Calfwise.Testing.Screening;

namespace Calfwise.Screening.Tests;

/// <summary>The hand-labelled export (every rule hit and just missed, 5 variants each) screened: every expected row and no other.</summary>
public sealed class LabelledExportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-labelled-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static List<(string Patient, string Rule)> ReadRows(string output) =>
        File.ReadAllLines(Path.Combine(output, "screening.csv")).Skip(1).Select(l => l.Split(',')).Select(c => (c[0], c[1])).Order().ToList();

    [Theory]
    [InlineData(false, 32L << 20)]
    [InlineData(true, 2048)]
    public async Task Every_expected_row_and_no_other(bool gzip, long chunkBytes)
    {
        var export = Path.Combine(_root, "export");
        var expected = LabelledExport.Write(export, gzip);
        Assert.True(Scenarios.All.Count * 5 >= 200);

        var output = Path.Combine(_root, "out");
        var result = await ScreeningJob.RunAsync(new ScreeningOptions(export, output, LabelledExport.AsOf, ChunkBytes: chunkBytes), EmbeddedKnowledge.Instance);

        var actual = ReadRows(output);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"missing: {string.Join("; ", missing.Select(m => Describe(m)))}\nextra: {string.Join("; ", extra.Select(m => Describe(m)))}");
        Assert.Equal(expected, actual); // the same rows as many times (a patient with two critical values has two)
        Assert.Equal(Scenarios.All.Count * 5, result.Assess.Patients);
        Assert.Equal(0, result.Scan.Malformed);
    }

    /// <summary>The scenario a patient id came from, for a failure message a person can act on.</summary>
    private static string Describe((string Patient, string Rule) row)
    {
        var index = (int.Parse(row.Patient[1..], System.Globalization.CultureInfo.InvariantCulture) - 1) / 5;
        return $"{row.Patient} ({Scenarios.All[index].Name}) {row.Rule}";
    }
}
