using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace Calfwise.Cli.Tests;

public sealed class SynthCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-synth-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name) => Path.Combine(_root, name);

    private static CliResult Synth(string output, params string[] more) =>
        CliRunner.Run(["synth", "--patients", "60", "--seed", "9", "--as-of", "2026-12-01", "--noise", "low", "--output", output, .. more]);

    [Fact]
    public void Writes_the_export_and_its_manifest_reporting_progress_on_standard_error()
    {
        var result = Synth(Folder("out"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("patients/s", result.Error, StringComparison.Ordinal);
        Assert.Contains("Wrote 60 patients", result.Output, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder("out"), "manifest.json")));
        Assert.All(manifest.RootElement.GetProperty("output").EnumerateArray(), o => Assert.True(File.Exists(Path.Combine(Folder("out"), o.GetProperty("url").GetString()!))));
        Assert.Equal(60, File.ReadLines(Path.Combine(Folder("out"), "Patient.000.ndjson")).Count());
    }

    [Fact]
    public void The_same_seed_and_day_write_the_same_bytes()
    {
        Assert.Equal(0, Synth(Folder("a")).ExitCode);
        Assert.Equal(0, Synth(Folder("b")).ExitCode);

        foreach (var file in Directory.GetFiles(Folder("a")))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(Folder("b"), Path.GetFileName(file))));
        }
    }

    [Fact]
    public void Without_as_of_the_export_is_dated_today_by_the_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 10, 0, 0, TimeSpan.Zero));
        var io = new CliIo(new TestConsole(), new StringWriter(), new StringReader(""), _root) { Clock = clock };

        var code = CalfwiseApp.Run(["synth", "--patients", "5", "--noise", "low", "--output", "dated"], io);

        Assert.Equal(0, code);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "dated", "manifest.json")));
        Assert.Equal("2025-03-15T00:00:00Z", manifest.RootElement.GetProperty("transactionTime").GetString());
    }

    [Fact]
    public void Gzip_writes_compressed_files()
    {
        var result = Synth(Folder("gz"), "--gzip");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(Folder("gz"), "Observation.000.ndjson.gz")));
    }

    [Theory]
    [InlineData("-5", "--patients: must be a whole number from 1 to 10,000,000, not '-5'")]
    [InlineData("0", "--patients: must be a whole number")]
    [InlineData("20000000", "--patients: must be a whole number")]
    [InlineData("many", "--patients: must be a whole number")]
    public void A_bad_patient_count_is_bad_input(string count, string message)
    {
        var result = CliRunner.Run("synth", "--patients", count, "--output", Folder("x"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder("x")));
    }

    [Theory]
    [InlineData("--noise", "loud", "--noise: must be realistic or low")]
    [InlineData("--as-of", "2026-13-01", "--as-of: must be a date as YYYY-MM-DD")]
    [InlineData("--patients-per-file", "5", "--patients-per-file: must be from 100 to 1,000,000")]
    public void A_bad_option_is_bad_input(string option, string value, string message)
    {
        var result = Synth(Folder("x"), option, value);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_ten_thousand_files_of_a_type_is_bad_input()
    {
        var result = CliRunner.Run("synth", "--patients", "2000000", "--patients-per-file", "100", "--output", Folder("x"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("2,000,000 patients in files of 100 make more than 10,000 files of each type", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_that_is_not_empty_needs_force_which_replaces_the_export_in_it()
    {
        Assert.Equal(0, Synth(Folder("out")).ExitCode);

        var refused = Synth(Folder("out"));
        var forced = CliRunner.Run("synth", "--patients", "30", "--as-of", "2026-12-01", "--noise", "low", "--output", Folder("out"), "--force");

        Assert.Equal(ExitCodes.BadInput, refused.ExitCode);
        Assert.Contains("is not empty; choose an empty folder or add --force", refused.Error, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(30, File.ReadLines(Path.Combine(Folder("out"), "Patient.000.ndjson")).Count());
    }

    [Fact]
    public void A_folder_that_cannot_be_made_or_is_a_file_is_bad_input()
    {
        File.WriteAllText(Folder("file"), "");

        var isFile = Synth(Folder("file"));
        var underFile = Synth(Path.Combine(Folder("file"), "export"));

        Assert.Equal(ExitCodes.BadInput, isFile.ExitCode);
        Assert.Contains("is a file", isFile.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, underFile.ExitCode);
        Assert.Contains("cannot write to folder", underFile.Error, StringComparison.Ordinal);
    }
}
