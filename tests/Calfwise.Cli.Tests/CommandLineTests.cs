using System.Text.Json;
using Calfwise.Knowledge;

namespace Calfwise.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Assess_prints_triage_first_then_the_differential_labs_plan_and_disclaimer()
    {
        var result = CliRunner.Run("assess", "examples/rls-low-ferritin.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        var output = result.Output;
        int At(string text)
        {
            var index = output.IndexOf(text, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{text}' missing from:\n{output}");
            return index;
        }

        var order = new[] { At("ROUTINE"), At("What could explain it"), At("Your lab results"), At("What to do next"), At("Sources"), At("Please read") };
        Assert.Equal(order.Order(), order);
        Assert.Contains("█", output, StringComparison.Ordinal);
        Assert.Contains("Iron tablets (treatment)", output, StringComparison.Ordinal);
        Assert.Contains("doi.org", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_as_json_follows_the_documented_contract()
    {
        var result = CliRunner.Run("assess", "examples/rls-low-ferritin.json", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        Assert.Equal("routine", root.GetProperty("triage").GetProperty("level").GetString());
        Assert.NotEqual(0, root.GetProperty("triage").GetProperty("reasons").GetArrayLength());
        var probabilities = root.GetProperty("differential").EnumerateArray().Select(c => c.GetProperty("probability").GetDouble()).ToList();
        Assert.Equal(probabilities.OrderDescending(), probabilities);
        Assert.Equal("restless-legs", root.GetProperty("differential")[0].GetProperty("condition").GetString());
        var ferritin = root.GetProperty("labs").EnumerateArray().Single(l => l.GetProperty("analyte").GetString() == "ferritin");
        Assert.Equal(28, ferritin.GetProperty("canonicalValue").GetDecimal());
        Assert.Equal("µg/L", ferritin.GetProperty("canonicalUnit").GetString());
        Assert.Equal("normal", ferritin.GetProperty("status").GetString()); // WHO: deficiency below 15
        Assert.Contains("restless legs", ferritin.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal("oral-or-iv", root.GetProperty("iron").GetProperty("plan").GetString()); // AASM: at or below 75
        Assert.Equal(JsonValueKind.Object, root.GetProperty("criteria").GetProperty("irlssg").ValueKind);
        Assert.All(root.GetProperty("recommendations").EnumerateArray(), r => Assert.NotEqual(0, r.GetProperty("sources").GetArrayLength()));
        Assert.Contains(root.GetProperty("recommendations").EnumerateArray(), r => r.GetProperty("id").GetString() == "oral-iron");
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("disclaimer").GetString()));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("redFlags").ValueKind);
    }

    [Fact]
    public void Assess_reads_standard_input_for_a_dash()
    {
        var result = CliRunner.RunWithInput(File.ReadAllText(Path.Combine(Repository.Root, "examples", "swollen-calf-after-flight.json")), "assess", "-", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        Assert.Equal("urgent", document.RootElement.GetProperty("triage").GetProperty("level").GetString());
    }

    [Theory]
    [InlineData("examples/*.json")]
    public void Every_example_case_assesses(string pattern)
    {
        var files = Directory.GetFiles(Path.Combine(Repository.Root, "examples"), Path.GetFileName(pattern));
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.True(CliRunner.Run("assess", file) is { ExitCode: 0 } ok, file));
    }

    // standard input, arguments, words the single error line must contain
    [Theory]
    [InlineData("{ not json", new[] { "assess", "-" }, "(case): is not valid JSON")] // malformed JSON
    [InlineData("""{"age": 40, "sex": "male", "findings": {"calf-twitchin": true}}""", new[] { "assess", "-" }, "did you mean 'calf-twitching'")] // unknown finding
    [InlineData("""{"age": 40, "sex": "male", "labs": [{"analyte": "ferritin", "value": 28, "unit": "mg"}]}""", new[] { "assess", "-" }, "accepted: µg/L, ng/mL, pmol/L")] // unknown unit
    [InlineData("""{"age": 40, "sex": "male", "labs": [{"analyte": "ferritinn", "value": 28, "unit": "ng/mL"}]}""", new[] { "assess", "-" }, "unknown analyte id 'ferritinn'")] // unknown analyte
    [InlineData("""{"age": 40, "sex": "male", "labs": [{"analyte": "potassium", "value": 40, "unit": "mmol/L"}]}""", new[] { "assess", "-" }, "physiologically possible")] // impossible value
    [InlineData("""{"age": 150, "sex": "male"}""", new[] { "assess", "-" }, "age: must be a number of years from 0 to 120")] // age
    [InlineData("", new[] { "assess", "no-such-file.json" }, "cannot read case file")] // missing file
    [InlineData("", new[] { "assess", "examples/rls-low-ferritin.json", "--format", "xml" }, "accepted: text, json")] // bad format
    [InlineData("", new[] { "labs", "ferritin=28mg" }, "accepted: µg/L, ng/mL, pmol/L")] // quick labs, bad unit
    [InlineData("", new[] { "labs", "hb=12" }, "needs a unit")] // quick labs, no unit
    [InlineData("", new[] { "labs", "ferritin=28ng/mL", "--sex", "other" }, "--sex: must be female or male")]
    [InlineData("", new[] { "diagnose" }, "calfwise:")] // unknown command
    public void Bad_input_exits_with_code_2_and_one_clear_line(string input, string[] args, string message)
    {
        var result = CliRunner.RunWithInput(input, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public void An_unknown_medication_is_kept_and_reported_as_a_warning()
    {
        var result = CliRunner.RunWithInput("""{"age": 40, "sex": "male", "medications": ["zzzomycin"]}""", "assess", "-", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var warning = Assert.Single(document.RootElement.GetProperty("warnings").EnumerateArray());
        Assert.Contains("zzzomycin", warning.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Labs_reads_quick_values_in_any_unit()
    {
        var result = CliRunner.Run("labs", "ferritin=28ng/mL", "tsat=16%", "hb=121g/L", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var labs = document.RootElement.GetProperty("labs").EnumerateArray().ToDictionary(l => l.GetProperty("analyte").GetString()!);
        Assert.Equal(12.1m, labs["hemoglobin"].GetProperty("canonicalValue").GetDecimal());
        Assert.Equal("low", labs["transferrin-saturation"].GetProperty("status").GetString());
    }

    [Fact]
    public void Labs_text_output_matches_the_golden_file() =>
        Golden.Verify("labs", CliRunner.Run("labs", "ferritin=28ng/mL", "tsat=16%", "hb=12.1g/dL", "--sex", "male", "--age", "45").Output);

    [Fact]
    public void Knowledge_check_validates_the_built_in_knowledge()
    {
        var result = CliRunner.Run("knowledge", "check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("The knowledge base is valid.", result.Output, StringComparison.Ordinal);
        Assert.Contains("Conditions", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Knowledge_check_reports_a_broken_folder_with_file_and_line()
    {
        var folder = Directory.CreateTempSubdirectory("calfwise-knowledge-");
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "knowledge"), "*.yaml"))
            {
                File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            }

            var conditions = Path.Combine(folder.FullName, "conditions.yaml");
            File.WriteAllText(conditions, File.ReadAllText(conditions).Replace("finding: urge-to-move-legs,", "finding: urge-to-move-legz,", StringComparison.Ordinal));

            var result = CliRunner.Run("knowledge", "check", "--dir", folder.FullName);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Matches(@"conditions\.yaml:\d+: finding 'urge-to-move-legz' does not exist; did you mean 'urge-to-move-legs'", result.Error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Next_question_starts_with_the_opening_question_as_json()
    {
        var result = CliRunner.RunWithInput("""{"age": 40, "sex": "female"}""", "next-question", "-", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var question = document.RootElement.GetProperty("question");
        Assert.Equal("opening", question.GetProperty("id").GetString());
        Assert.Contains(question.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString() == "calf-twitching");
        Assert.False(string.IsNullOrWhiteSpace(question.GetProperty("why").GetString()));
    }

    [Fact]
    public void Next_question_asks_the_clot_questions_right_after_a_painful_calf()
    {
        const string partial = """
            {"age": 60, "sex": "male", "findings": {"calf-twitching": false, "urge-to-move-legs": false, "painful-cramps": false,
             "calf-pain": true, "calf-swelling-one-side": false, "numbness-tingling": false, "muscle-weakness": false,
             "symptoms-longer-than-two-weeks": false}}
            """;
        var result = CliRunner.RunWithInput(partial, "next-question", "-", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var question = document.RootElement.GetProperty("question");
        Assert.Equal("red-flag", question.GetProperty("kind").GetString());
        Assert.Contains(question.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString() == "sudden-breathlessness-or-chest-pain");
    }

    [Fact]
    public void Next_question_says_done_with_a_reason_when_nothing_more_would_change_the_result()
    {
        var findings = string.Join(", ", EmbeddedKnowledge.Instance.Findings.Select(f => $"\"{f.Id}\": false"));
        var result = CliRunner.RunWithInput($$"""{"age": 30, "sex": "male", "findings": { {{findings}} }, "labsUnavailable": ["iron-studies", "electrolytes", "thyroid", "muscle-and-kidney"]}""", "next-question", "-", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        Assert.True(document.RootElement.GetProperty("done").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(document.RootElement.GetProperty("reason").GetString()));
    }

    [Fact]
    public void Next_question_rejects_an_unknown_lab_request_with_code_2()
    {
        var result = CliRunner.RunWithInput("""{"age": 30, "sex": "male", "labsUnavailable": ["iron"]}""", "next-question", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("labsUnavailable: unknown lab request id 'iron'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_commands() =>
        Golden.Verify("help", CliRunner.Run("--help").Output);
}
