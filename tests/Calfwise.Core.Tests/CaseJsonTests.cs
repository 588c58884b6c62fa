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
        var result = CaseJson.Read(json, Knowledge, TestDates.Today);
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
    [InlineData("""{"sex": "male", "birthDate": "1984-02-30"}""", "birthDate", "yyyy-MM-dd")]
    [InlineData("""{"sex": "male", "birthDate": "2026-12-02"}""", "birthDate", "must not be in the future")]
    [InlineData("""{"sex": "male", "birthDate": "1900-01-01"}""", "birthDate", "age of 126 years")]
    [InlineData("""{"age": 40, "sex": "male", "birthDate": "1986-01-01"}""", "birthDate", "not both")]
    [InlineData("""{"age": 40, "sex": "male", "labs": [{"analyte": "ferritin", "value": 28, "unit": "ng/mL", "date": "2026-12-02"}]}""", "labs[0].date", "must not be in the future")]
    [InlineData("""{"age": 40, "sex": "male", "labs": [{"analyte": "ferritin", "value": 28, "unit": "ng/mL", "date": "1 Dec 2026"}]}""", "labs[0].date", "yyyy-MM-dd")]
    [InlineData("""{"age": 40, "sex": "male", "medications": ["furosemide", " "]}""", "medications[1]", "non-empty name")]
    [InlineData("""{"age": 40, "sex": "male", "medications": [" "], "extra": 1}""", "medications[0]", "non-empty name")] // named even when another field is refused
    [InlineData("""{"Age": 40, "sex": "male"}""", "Age", "not a case field")] // names are case-sensitive
    [InlineData("""{"age": "40", "sex": "male"}""", "age", "must be a number")] // numbers are never read from text
    public void Bad_input_names_the_field_and_what_is_accepted(string json, string field, string message)
    {
        var result = CaseJson.Read(json, Knowledge, TestDates.Today);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1986-12-01", 40)] // birthday today
    [InlineData("1986-12-02", 39)] // birthday tomorrow
    [InlineData("2026-12-01", 0)]
    [InlineData("2024-02-29", 2)]
    public void A_birth_date_gives_the_age_on_the_day_of_the_assessment(string born, int age)
    {
        var result = CaseJson.Read($$"""{"birthDate": "{{born}}", "sex": "female"}""", Knowledge, TestDates.Today);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(age, result.Case!.Age);
        Assert.Equal(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), result.Case.BirthDate);
    }

    [Fact]
    public void Dates_survive_writing_and_reading_again()
    {
        const string json = """
            {"birthDate": "1980-05-17", "sex": "female", "findings": {"fatigue": null, "calf-pain": true},
             "labs": [{"analyte": "ferritin", "value": 28, "unit": "ng/mL", "date": "2026-11-20"}], "labsUnavailable": ["thyroid"]}
            """;
        var first = CaseJson.Read(json, Knowledge, TestDates.Today).Case!;

        var written = CaseJson.Write(first);
        var again = CaseJson.Read(written, Knowledge, TestDates.Today);

        Assert.True(again.IsValid, string.Join("; ", again.Errors));
        Assert.DoesNotContain("\"age\"", written, StringComparison.Ordinal); // the birth date is kept, not the age of the day it was written
        Assert.Equal((46m, new DateOnly(1980, 5, 17)), (again.Case!.Age, again.Case.BirthDate!.Value));
        Assert.Equal(new DateOnly(2026, 11, 20), again.Case.Labs.Single().Date);
        Assert.Equal(first.Findings, again.Case.Findings);
        Assert.Equal(first.DontKnow, again.Case.DontKnow);
        Assert.Equal(first.LabsUnavailable, again.Case.LabsUnavailable);
    }
}
