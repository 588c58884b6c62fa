using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

public sealed class LabTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;
    private static readonly LabInterpreter Interpreter = new(Knowledge);
    private static readonly DateOnly Today = new(2026, 6, 1);

    // analyte, value, unit as written, expected canonical value
    [Theory]
    [InlineData("ferritin", "28", "ng/mL", "28")] // ng/mL equals µg/L
    [InlineData("ferritin", "28", "µg/L", "28")] // micro sign
    [InlineData("ferritin", "28", "μg/L", "28")] // Greek mu
    [InlineData("ferritin", "28", "ug/l", "28")] // ug and lower case
    [InlineData("ferritin", "28", "mcg/L", "28")] // mcg
    [InlineData("ferritin", "224.7", "pmol/L", "100")] // 2.247 pmol per µg
    [InlineData("hemoglobin", "121", "g/L", "12.1")] // g/L to g/dL
    [InlineData("hemoglobin", "6.206", "mmol/L", "10")] // monomer mmol/L
    [InlineData("iron", "100", "ug/dL", "17.91")] // Fe 55.845 g/mol
    [InlineData("tibc", "300", "µg/dL", "53.73")]
    [InlineData("magnesium", "2", "mg/dL", "0.8228")]
    [InlineData("magnesium", "1.6", "mEq/L", "0.8")]
    [InlineData("calcium", "10", "mg/dL", "2.495")]
    [InlineData("potassium", "4.1", "mEq/L", "4.1")]
    [InlineData("creatinine", "1", "mg/dL", "88.42")]
    [InlineData("crp", "1.2", "mg/dL", "12")]
    [InlineData("free-t4", "1", "ng/dL", "12.87")]
    [InlineData("ck", "2", "ukat/L", "120")]
    [InlineData("transferrin-saturation", "0.16", "1", "16")] // a fraction
    public void Units_convert_exactly_to_canonical(string analyte, string value, string unit, string canonical)
    {
        var lab = Interpret(new LabInput(analyte, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), unit));
        Assert.Equal(decimal.Parse(canonical, System.Globalization.CultureInfo.InvariantCulture), lab.CanonicalValue);
    }

    // sex, age, pregnant, hemoglobin g/dL, expected status (WHO 2024 cut-offs)
    [Theory]
    [InlineData("male", 40, false, "12.9", "low")] // men < 13.0
    [InlineData("male", 40, false, "13.0", "normal")] // edge: 13.0 is not anaemia
    [InlineData("female", 40, false, "11.9", "low")] // women < 12.0
    [InlineData("female", 40, false, "12.5", "normal")]
    [InlineData("female", 30, true, "11.5", "normal")] // pregnancy < 11.0
    [InlineData("female", 30, true, "10.9", "low")]
    [InlineData("male", 8, false, "11.4", "low")] // children 5-11 < 11.5
    [InlineData("male", 13, false, "12.5", "normal")] // 12-14 < 12.0
    public void Hemoglobin_is_read_against_sex_age_and_pregnancy(string sex, int age, bool pregnant, string hb, string status)
    {
        var lab = Interpret(new LabInput("hemoglobin", decimal.Parse(hb, System.Globalization.CultureInfo.InvariantCulture), "g/dL"), sex == "male" ? Sex.Male : Sex.Female, age, pregnant);
        Assert.Equal(status, lab.Status.ToId());
    }

    [Fact]
    public void Transferrin_saturation_is_calculated_from_iron_and_tibc_when_not_given()
    {
        var labs = Interpreter.Interpret(Validated(new LabInput("iron", 50, "ug/dL"), new LabInput("tibc", 400, "ug/dL")));
        var tsat = Assert.Single(labs, l => l.Analyte == "transferrin-saturation");
        Assert.True(tsat.Derived);
        Assert.Equal(12.5m, tsat.CanonicalValue);
        Assert.Equal("low", tsat.Status.ToId());
    }

    [Fact]
    public void A_given_transferrin_saturation_is_not_recalculated()
    {
        var labs = Interpreter.Interpret(Validated(new LabInput("iron", 50, "ug/dL"), new LabInput("tibc", 400, "ug/dL"), new LabInput("transferrin-saturation", 30, "%")));
        var tsat = Assert.Single(labs, l => l.Analyte == "transferrin-saturation");
        Assert.False(tsat.Derived);
        Assert.Equal(30m, tsat.CanonicalValue);
    }

    [Fact]
    public void With_inflammation_a_ferritin_below_seventy_still_reads_low()
    {
        var plain = Interpreter.Interpret(Validated(new LabInput("ferritin", 50, "ng/mL"), new LabInput("crp", 2, "mg/L")));
        var inflamed = Interpreter.Interpret(Validated(new LabInput("ferritin", 50, "ng/mL"), new LabInput("crp", 30, "mg/L")));
        Assert.Equal("normal", plain.Single(l => l.Analyte == "ferritin").Status.ToId());
        Assert.Equal("low", inflamed.Single(l => l.Analyte == "ferritin").Status.ToId());
        Assert.Equal(true, Validated(new LabInput("ferritin", 50, "ng/mL"), new LabInput("crp", 30, "mg/L")).Inflammation);
        Assert.Equal(false, Validated(new LabInput("ferritin", 50, "ng/mL"), new LabInput("crp", 2, "mg/L")).Inflammation);
    }

    [Theory]
    [InlineData("potassium", "2.4", "critical")] // below 2.5 mmol/L
    [InlineData("potassium", "3.2", "low")]
    [InlineData("potassium", "4.2", "normal")]
    [InlineData("potassium", "5.5", "high")]
    [InlineData("ferritin", "14", "low")] // WHO < 15
    [InlineData("ferritin", "15", "normal")]
    public void Status_follows_reference_ranges_and_critical_limits(string analyte, string value, string status)
    {
        var unit = Knowledge.AnalytesById[analyte].Canonical.Code;
        var lab = Interpret(new LabInput(analyte, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), unit));
        Assert.Equal(status, lab.Status.ToId());
    }

    [Theory]
    [InlineData("ferritin", "-1", "ng/mL", "labs[0].value", "negative")]
    [InlineData("hemoglobin", "900", "g/dL", "labs[0].value", "physiologically possible")]
    [InlineData("ferritin", "28", "mg/mL", "labs[0].unit", "accepted: µg/L, ng/mL, pmol/L")]
    [InlineData("feritin", "28", "ng/mL", "labs[0].analyte", "did you mean 'ferritin'")]
    public void Bad_labs_are_rejected_with_the_field_and_what_is_accepted(string analyte, string value, string unit, string field, string message)
    {
        var errors = CaseValidator.Validate(Case(new LabInput(analyte, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), unit)), Knowledge, Today).Errors;
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quick_lab_expressions_accept_aliases_and_units_glued_to_the_number()
    {
        var result = LabExpression.Parse(["ferritin=28ng/mL", "tsat=16%", "hb=12.1 g/dL"], Knowledge);
        Assert.Equal(
            [new LabInput("ferritin", 28, "ng/mL"), new LabInput("transferrin-saturation", 16, "%"), new LabInput("hemoglobin", 12.1m, "g/dL")],
            result.Valid());
    }

    [Theory]
    [InlineData("ferritin", "must look like analyte=value unit")]
    [InlineData("ferritin=ng/mL", "does not start with a number")]
    [InlineData("ferritin=28", "needs a unit")]
    [InlineData("ferriten=28ng/mL", "did you mean 'ferritin'")]
    public void Bad_quick_lab_expressions_say_what_is_wrong(string expression, string message)
    {
        var result = LabExpression.Parse([expression], Knowledge);
        Assert.Contains(message, Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    private static LabResult Interpret(LabInput input, Sex sex = Sex.Female, int age = 40, bool pregnant = false)
    {
        var patient = Case(input) with { Sex = sex, Age = age, Pregnant = pregnant };
        return Interpreter.Interpret(CaseValidator.Validate(patient, Knowledge, Today).Valid()).Single(l => l.Analyte == input.Analyte);
    }

    private static ValidatedCase Validated(params LabInput[] labs) => CaseValidator.Validate(Case(labs), Knowledge, Today).Valid();

    private static PatientCase Case(params LabInput[] labs) =>
        new(40, Sex.Female, null, new Dictionary<string, bool>(), [], labs, null);
}

public sealed class KidneyFunctionTests
{
    // creatinine mg/dL, sex, age, expected eGFR (CKD-EPI 2021 worked values, rounded)
    [Theory]
    [InlineData(1.0, "male", 50, 92)] // 142 × (1/0.9)^-1.2 × 0.9938^50
    [InlineData(0.7, "female", 50, 105)] // ratio 1: 142 × 0.9938^50 × 1.012
    [InlineData(2.0, "female", 70, 26)] // reduced function
    public void Egfr_follows_ckd_epi_2021(double creatinine, string sex, int age, int expected)
    {
        var analyte = EmbeddedKnowledge.Instance.AnalytesById["creatinine"];
        var canonical = (decimal)creatinine * 88.42m;
        var egfr = KidneyFunction.Egfr(analyte, canonical, sex == "male" ? Sex.Male : Sex.Female, age);
        Assert.Equal(expected, Math.Round(egfr!.Value));
    }

    [Fact]
    public void Egfr_is_not_estimated_for_children() =>
        Assert.Null(KidneyFunction.Egfr(EmbeddedKnowledge.Instance.AnalytesById["creatinine"], 50, Sex.Male, 12));
}
