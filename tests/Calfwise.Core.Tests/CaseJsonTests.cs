using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

public sealed class CaseJsonTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;

    [Fact]
    public void A_full_case_is_read()
    {
        const string json = """
            {"age": 42, "sex": "female", "pregnant": false,
             "findings": {"urge-to-move-legs": true, "painful-cramps": false, "fatigue": null},
             "medications": ["sertraline", "unknownium"],
             "labs": [{"analyte": "ferritin", "value": 28, "unit": "ng/mL"}],
             "instruments": {"irls": [2, 3, 2, 2, 1, 2, 3, 2, 1, 2]}}
            """;
        var result = CaseJson.Read(json, Knowledge);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var patient = result.Case!;
        Assert.Equal((42m, Sex.Female, false), (patient.Age, patient.Sex, patient.Pregnant));
        Assert.Equal(true, patient.Answer("urge-to-move-legs"));
        Assert.Equal(false, patient.Answer("painful-cramps"));
        Assert.Null(patient.Answer("fatigue"));
        Assert.Equal(["sertraline", "unknownium"], patient.Medications);
        Assert.Equal(["unknownium"], CaseValidator.UnknownMedications(patient, Knowledge));
        Assert.Equal(20, patient.Irls!.Sum());
    }

    // JSON, the field the error must name, words it must contain
    [Theory]
    [InlineData("{", "(case)", "not valid JSON")] // malformed
    [InlineData("[]", "(case)", "must be a JSON object")]
    [InlineData("""{"sex": "female"}""", "age", "is required")]
    [InlineData("""{"age": 130, "sex": "female"}""", "age", "from 0 to 120")]
    [InlineData("""{"age": -1, "sex": "female"}""", "age", "from 0 to 120")]
    [InlineData("""{"age": "forty", "sex": "female"}""", "age", "must be a number")]
    [InlineData("""{"age": 40, "sex": "other"}""", "sex", "\"female\" or \"male\"")]
    [InlineData("""{"age": 40, "sex": "male", "pregnant": true}""", "pregnant", "only be true when sex is female")]
    [InlineData("""{"age": 40, "sex": "male", "findings": {"calf-twitchin": true}}""", "findings.calf-twitchin", "did you mean 'calf-twitching'")]
    [InlineData("""{"age": 40, "sex": "male", "findings": {"calf-twitching": "yes"}}""", "findings.calf-twitching", "true, false or null")]
    [InlineData("""{"age": 40, "sex": "male", "labs": [{"analyte": "ferritin", "value": 28}]}""", "labs[0].unit", "is required")]
    [InlineData("""{"age": 40, "sex": "male", "labs": [{"analyte": "ferritin", "value": 28, "unit": "ng/mL", "when": "today"}]}""", "labs[0].when", "not a lab field")]
    [InlineData("""{"age": 40, "sex": "male", "labs": [{"analyte": "ferritin", "value": 28, "unit": "ng/mL"}, {"analyte": "ferritin", "value": 30, "unit": "ng/mL"}]}""", "labs[1].analyte", "more than once")]
    [InlineData("""{"age": 40, "sex": "male", "instruments": {"irls": [1, 2, 3]}}""", "instruments.irls", "exactly 10")]
    [InlineData("""{"age": 40, "sex": "male", "instruments": {"irls": [1, 2, 3, 4, 5, 0, 0, 0, 0, 0]}}""", "instruments.irls[4]", "from 0 to 4")]
    [InlineData("""{"age": 40, "sex": "male", "symptoms": []}""", "symptoms", "not a case field")] // never silently dropped
    [InlineData("""{"age": 40, "sex": "male", "medications": "furosemide"}""", "medications", "array")]
    [InlineData("""{"age": 40, "sex": "male", "findings": {"calf-pain": true, "calf-pain": false}}""", "(case)", "not valid JSON")] // a duplicate key never silently wins
    [InlineData("""{"age": 40, "sex": "male", "labs": [{"analyte": "creatinine", "value": 1000000000000000000000000000, "unit": "mg/dL"}]}""", "labs[0].value", "physiologically possible")] // overflow in conversion
    [InlineData("""{"age": 40, "sex": "male", "labs": [{"analyte": "iron", "value": 40, "unit": "umol/L"}, {"analyte": "tibc", "value": 30, "unit": "umol/L"}]}""", "labs", "cannot be higher than TIBC")]
    public void Bad_input_names_the_field_and_what_is_accepted(string json, string field, string message)
    {
        var result = CaseJson.Read(json, Knowledge);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }
}
