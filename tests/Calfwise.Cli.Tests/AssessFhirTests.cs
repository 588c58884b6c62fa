using System.Text.Json;

namespace Calfwise.Cli.Tests;

public sealed class AssessFhirTests
{
    private const string Example = "examples/fhir/rls-low-ferritin-bundle.json";

    [Fact]
    public void A_FHIR_bundle_in_gives_a_FHIR_bundle_out_and_what_was_not_read_on_standard_error()
    {
        var result = CliRunner.Run("assess", Example, "--input", "fhir", "--format", "fhir");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var bundle = JsonDocument.Parse(result.Output);
        Assert.Equal("Bundle", bundle.RootElement.GetProperty("resourceType").GetString());
        var types = bundle.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("resourceType").GetString()).ToList();
        Assert.Contains("RiskAssessment", types);
        Assert.Contains("OperationOutcome", types);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("calfwise: not read: Encounter/visit", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.Contains("Observation/lab-11", StringComparison.Ordinal) && l.Contains("older than", StringComparison.Ordinal));
    }

    [Fact]
    public void A_FHIR_bundle_assesses_like_the_same_case_as_JSON()
    {
        var fromFhir = CliRunner.Run("assess", Example, "--input", "fhir", "--format", "json");
        var fromCase = CliRunner.Run("assess", "examples/rls-low-ferritin.json", "--format", "json");

        Assert.True(fromFhir.ExitCode == 0, fromFhir.ToString());
        using var a = JsonDocument.Parse(fromFhir.Output);
        using var b = JsonDocument.Parse(fromCase.Output);
        Assert.Equal(Conditions(b), Conditions(a));
    }

    [Theory]
    [InlineData("{ not json", "fhir:")]
    [InlineData("""{"resourceType": "Bundle", "type": "collection"}""", "Patient: no Patient resource")]
    [InlineData("""{"resourceType": "Patient", "id": "x", "gender": "female"}""", "Patient/x.birthDate")]
    public void Bad_FHIR_input_exits_with_code_2_and_a_clear_message(string input, string message)
    {
        var result = CliRunner.RunWithInput(input, "assess", "-", "--input", "fhir");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.ErrorLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lab_the_case_validator_refuses_is_named_by_its_Observation()
    {
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var json = """
            {"resourceType": "Bundle", "type": "collection", "entry": [
              {"resource": {"resourceType": "Patient", "id": "p", "gender": "male", "birthDate": "1970-01-01"}},
              {"resource": {"resourceType": "Observation", "id": "k1", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3"}]},
                            "effectiveDateTime": "YESTERDAY", "valueQuantity": {"value": 40, "system": "http://unitsofmeasure.org", "code": "mmol/L"}}}]}
            """;

        var result = CliRunner.RunWithInput(json.Replace("YESTERDAY", yesterday, StringComparison.Ordinal), "assess", "-", "--input", "fhir");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("calfwise: Observation/k1 (labs[0].value): ", Assert.Single(result.ErrorLines), StringComparison.Ordinal); // potassium 40 is impossible
    }

    [Fact]
    public void An_unknown_input_kind_is_refused()
    {
        var result = CliRunner.Run("assess", Example, "--input", "hl7v2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("accepted: case, fhir", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    private static List<string> Conditions(JsonDocument assessment) =>
        assessment.RootElement.GetProperty("differential").EnumerateArray().Select(c => $"{c.GetProperty("condition").GetString()} {c.GetProperty("probability").GetDouble():0.###}").ToList();
}
