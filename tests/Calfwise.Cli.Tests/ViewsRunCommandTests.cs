using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Parquet;

namespace Calfwise.Cli.Tests;

/// <summary><c>calfwise views run</c>: a ViewDefinition over NDJSON files and export folders.</summary>
public sealed class ViewsRunCommandTests : IDisposable
{
    private const string PatientView = "knowledge/views/patient.json";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("calfwise-views-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Patients =
        """
        {"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1980-05-01"}
        {"resourceType":"Patient","id":"p2","gender":"male","birthDate":"1931","deceasedDateTime":"2020-02-03"}

        """;

    [Fact]
    public void Csv_goes_to_standard_output_per_rfc_4180()
    {
        var input = Write("Patient.ndjson", Patients + """{"resourceType":"Patient","id":"p3","gender":"other, \"quoted\""}""");

        var result = CliRunner.Run("views", "run", PatientView, input);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "id,gender,birth_date,deceased,deceased_date_time\r\np1,female,1980-05-01,,\r\np2,male,1931,,2020-02-03\r\np3,\"other, \"\"quoted\"\"\",,,\r\n",
            result.Output.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_is_read_by_resource_type_including_gzip_and_json_is_an_array_of_rows()
    {
        Write("Patient.000.ndjson", Patients);
        using (var gzip = new GZipStream(File.Create(Path.Combine(_folder.FullName, "Patient.001.ndjson.gz")), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes("""{"resourceType":"Patient","id":"p9","gender":"unknown"}""" + "\n"));
        }

        Write("Observation.ndjson", "this file is not for a Patient view and is not read\n");
        var output = Path.Combine(_folder.FullName, "patients.json");

        var result = CliRunner.Run("views", "run", PatientView, _folder.FullName, "--format", "json", "--output", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 rows from 3 resources in 2 files", result.Error, StringComparison.Ordinal);
        using var rows = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(["p1", "p2", "p9"], rows.RootElement.EnumerateArray().Select(row => row.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, rows.RootElement[0].GetProperty("deceased").ValueKind);
    }

    [Fact]
    public async Task Parquet_keeps_the_declared_column_types()
    {
        var input = Write("Patient.ndjson", Patients + """{"resourceType":"Patient","id":"p3","deceasedBoolean":true}""");
        var output = Path.Combine(_folder.FullName, "patients.parquet");

        var result = CliRunner.Run("views", "run", PatientView, input, "--format", "parquet", "--output", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        await using var reader = await ParquetReader.CreateAsync(output);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(["id", "gender", "birth_date", "deceased", "deceased_date_time"], fields.Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(3, group.RowCount);
        var ids = new string?[3];
        await group.ReadAsync(fields[0], ids.AsMemory());
        var deceased = new bool?[3];
        await group.ReadAsync<bool>(fields[3], deceased.AsMemory());
        Assert.Equal<string?>(["p1", "p2", "p3"], ids.AsEnumerable());
        Assert.Equal([null, null, true], deceased);
    }

    [Fact]
    public void A_malformed_line_is_bad_input_naming_file_and_line()
    {
        var input = Write("Patient.ndjson", Patients + "{\"resourceType\":\"Patient\",\n");
        var output = Path.Combine(_folder.FullName, "out.csv");

        var result = CliRunner.Run("views", "run", PatientView, input, "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{input}:3: not valid JSON", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output), "a partial output file is removed");
    }

    [Fact]
    public void A_resource_that_breaks_the_view_is_bad_input_naming_file_and_line()
    {
        var view = Write("names.json", """{"resourceType":"ViewDefinition","resource":"Patient","select":[{"column":[{"name":"family","path":"name.family"}]}]}""");
        var input = Write("Patient.ndjson", """{"resourceType":"Patient","name":[{"family":"A"},{"family":"B"}]}""");

        var result = CliRunner.Run("views", "run", view, input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{input}:1: Collection value for column 'family'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait(TestCategories.Name, TestCategories.Slow)]
    public void A_line_over_the_limit_is_bad_input()
    {
        var input = Path.Combine(_folder.FullName, "Patient.ndjson");
        using (var file = File.CreateText(input))
        {
            file.Write(Patients);
            file.Write(new string(' ', 16 * 1024 * 1024 + 10));
        }

        var result = CliRunner.Run("views", "run", PatientView, input);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{input}:3: the line is longer than 16 MiB", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"resource":"Patient","select":[{"column":[{"name":"a","path":"id.nope()"}]}]}""", "$.select[0].column[0].path: 'id.nope()' is not valid FHIRPath: unknown function 'nope()'")]
    [InlineData("""{"resource":"Patient","select":[{"column":[{"path":"id"}]}]}""", "$.select[0].column[0].name: is missing")]
    public void A_bad_view_is_bad_input_naming_the_json_path(string json, string message)
    {
        var view = Write("bad.json", json);

        var result = CliRunner.Run("views", "run", view, Write("Patient.ndjson", Patients));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--format", "parquet")]
    public void Bad_options_are_bad_input(string option, string value)
    {
        var result = CliRunner.Run("views", "run", PatientView, Write("Patient.ndjson", Patients), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("calfwise: --format", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_that_cannot_be_written_is_bad_input()
    {
        var result = CliRunner.Run("views", "run", PatientView, Write("Patient.ndjson", Patients), "--output", _folder.FullName);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("calfwise: cannot read or write", result.Error, StringComparison.Ordinal);
        Assert.True(Directory.Exists(_folder.FullName));
    }

    [Fact]
    public void Missing_input_is_bad_input()
    {
        var result = CliRunner.Run("views", "run", PatientView, Path.Combine(_folder.FullName, "nothing-here"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("neither an NDJSON file nor a folder", result.Error, StringComparison.Ordinal);
    }
}
