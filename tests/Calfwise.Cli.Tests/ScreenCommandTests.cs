using Calfwise.Testing.Screening;

namespace Calfwise.Cli.Tests;

public sealed class ScreenCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-screen-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Screening_an_export_writes_every_output_and_says_what_it_found()
    {
        var export = Path.Combine(_root, "export");
        var expected = LabelledExport.Write(export);
        var output = Path.Combine(_root, "results");

        var result = CliRunner.Run("screen", export, "--output", output, "--as-of", LabelledExport.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var file in new[] { "screening.csv", "screening.parquet", "Group.ndjson", "measure-report.json", "summary.html" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }

        Assert.False(Directory.Exists(Path.Combine(output, "work")));
        Assert.Equal(expected.Count + 1, File.ReadAllLines(Path.Combine(output, "screening.csv")).Length);
        Assert.Contains($"{expected.Count:N0} rows", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--as-of", "30/06/2026", "--as-of: '30/06/2026' is not a date")]
    [InlineData("--workers", "0", "--workers: 0 is out of range")]
    public void Bad_options_exit_with_code_2_naming_the_option(string option, string value, string message)
    {
        var result = CliRunner.Run("screen", _root, "--output", Path.Combine(_root, "out"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_output_folder_exits_with_code_2()
    {
        var result = CliRunner.Run("screen", _root);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--output", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_NDJSON_files_exits_with_code_2_saying_what_is_expected()
    {
        var result = CliRunner.Run("screen", _root, "--output", Path.Combine(_root, "out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no .ndjson or .ndjson.gz files", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_exits_with_code_2()
    {
        var result = CliRunner.Run("screen", Path.Combine(_root, "nowhere"), "--output", Path.Combine(_root, "out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such directory", result.Error, StringComparison.Ordinal);
    }
}
