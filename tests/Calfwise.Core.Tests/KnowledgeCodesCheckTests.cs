using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>Broken codes in codes.yaml fail at load with file and line; the check-digit algorithms themselves.</summary>
public sealed class KnowledgeCodesCheckTests
{
    // Each row changes one line of the shipped codes.yaml and names the words the error on that line must contain.
    [Theory]
    [InlineData("[2951-2, 2947-0", "[2951-3, 2947-0", "LOINC '2951-3' has a wrong check digit (expected 2)")]
    [InlineData("[2951-2, 2947-0", "[29512, 2947-0", "'29512' is not a LOINC code")]
    [InlineData("snomed: [32914008]", "snomed: [32914009]", "SNOMED CT '32914009' has a wrong check digit")]
    [InlineData("snomed: [32914008]", "snomed: [32914018]", "partition digits '01'")]
    [InlineData("icd10cm: [G25.81]", "icd10cm: [G2581]", "'G2581' is not an ICD-10-CM code")]
    [InlineData("icd10: [G25.8]", "icd10: [G25.81X]", "'G25.81X' is not a WHO ICD-10 code")]
    [InlineData("atc: [C03C]", "atc: [C3C]", "'C3C' is not an ATC code")]
    [InlineData("analyte: sodium,", "analyte: sodum,", "analyte 'sodum' does not exist; did you mean 'sodium'?")]
    [InlineData("condition: restless-legs,", "condition: restless-leg,", "condition 'restless-leg' does not exist; did you mean 'restless-legs'?")]
    [InlineData("finding: diabetes,", "finding: diabetic,", "finding 'diabetic' does not exist")]
    [InlineData("class: loop-diuretic,", "class: loop-diuretics,", "medication class 'loop-diuretics' does not exist; did you mean 'loop-diuretic'?")]
    [InlineData("fact: pregnant,", "fact: pregnancy,", "person fact 'pregnancy' does not exist; did you mean 'pregnant'?")]
    [InlineData("snomed: [73761001,", "snomed: [73761002,", "SNOMED CT '73761002' has a wrong check digit")]
    [InlineData("procedure: gi-investigation,", "procedure: gi-investigations,", "procedure 'gi-investigations' does not exist; did you mean 'gi-investigation'?")]
    [InlineData("{ procedure: gi-investigation, snomed:", "{ procedure: gi-investigation, icd10cm: [K92.2], snomed:", "unknown key 'icd10cm'")]
    [InlineData("[2951-2, 2947-0", "[2951-2, 2823-3, 2947-0", "LOINC '2823-3' is bound to both 'potassium'")] // reported where it is bound again
    [InlineData("loinc: [2823-3, 6298-4", "loinc: [2823-3, 2823-3, 6298-4", "loinc '2823-3' is listed twice for 'potassium'")]
    [InlineData("{ analyte: ck, loinc: [2157-6] }", "{ analyte: sodium, loinc: [2157-6] }", "analyte 'sodium' is listed twice in 'analytes'")]
    [InlineData("{ analyte: ck, loinc: [2157-6] }", "{ analyte: ck }", "analyte 'ck' has no codes")]
    [InlineData("{ analyte: ck, loinc: [2157-6] }", "{ analyte: ck, loinc: [] }", "analyte 'ck' has no codes")]
    [InlineData("{ analyte: ck, loinc: [2157-6] }", "{ analyte: ck, loinc: 2157-6 }", "'loinc' must be a list")]
    [InlineData("{ analyte: ck, loinc: [2157-6] }", "{ analyte: ck, snomed: [2157-6] }", "unknown key 'snomed'")]
    public void A_broken_code_fails_with_its_file_and_line(string find, string replace, string message)
    {
        var (files, line) = Broken(find, replace);

        var result = KnowledgeLoader.Load(files);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(("codes.yaml", line), (error.File, error.Line));
    }

    [Fact]
    public void An_analyte_without_a_loinc_code_fails()
    {
        var (files, _) = Broken("    - { analyte: ck, loinc: [2157-6] }", "    # ck left out");

        var result = KnowledgeLoader.Load(files);

        var error = Assert.Single(result.Errors);
        Assert.Equal("codes.yaml", error.File);
        Assert.True(error.Line > 0);
        Assert.Contains("analyte 'ck' has no LOINC code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_source_must_exist()
    {
        var (files, line) = Broken("sources: [who-atc]", "sources: [who-atcc]");

        var error = Assert.Single(KnowledgeLoader.Load(files).Errors);

        Assert.Equal(("codes.yaml", line), (error.File, error.Line));
        Assert.Contains("source 'who-atcc' is not in sources.yaml; did you mean 'who-atc'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loinc_key_left_in_labs_yaml_is_rejected()
    {
        var files = Repository.KnowledgeFiles();
        files["labs.yaml"] = files["labs.yaml"].Replace("    name: Ferritin\n", "    name: Ferritin\n    loinc: 2276-4\n", StringComparison.Ordinal);

        var result = KnowledgeLoader.Load(files);

        Assert.Contains(result.Errors, e => e.File == "labs.yaml" && e.Message.StartsWith("unknown key 'loinc'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2276", 4)]
    [InlineData("2951", 2)]
    [InlineData("19123", 9)]
    [InlineData("14682", 9)]
    [InlineData("718", 7)]
    public void Loinc_check_digits_follow_the_mod_10_algorithm(string digits, int check) =>
        Assert.Equal(check, CodeFormats.LoincCheckDigit(digits));

    [Theory]
    [InlineData("2363", true)] // the textbook Verhoeff example: 236 has check digit 3
    [InlineData("2364", false)]
    [InlineData("32914008", true)]
    [InlineData("73211009", true)]
    [InlineData("73211008", false)]
    [InlineData("37211009", false)] // adjacent digits swapped: Verhoeff catches every transposition
    public void Snomed_ct_ids_carry_a_verhoeff_check_digit(string id, bool valid) =>
        Assert.Equal(valid, CodeFormats.IsVerhoeffValid(id));

    [Theory]
    [InlineData(CodeSystem.Atc, "C")]
    [InlineData(CodeSystem.Atc, "C03")]
    [InlineData(CodeSystem.Atc, "C03CA01")]
    [InlineData(CodeSystem.Icd10Cm, "M79.A21")]
    [InlineData(CodeSystem.Icd10Cm, "R34")]
    [InlineData(CodeSystem.Icd10, "E14")]
    [InlineData(CodeSystem.RxNorm, "4603")]
    public void Well_formed_codes_pass(CodeSystem system, string code) => Assert.Null(CodeFormats.Problem(system, code));

    [Theory]
    [InlineData(CodeSystem.Atc, "C03CA1")]
    [InlineData(CodeSystem.Atc, "c03c")]
    [InlineData(CodeSystem.Icd10, "M79.A2")]
    [InlineData(CodeSystem.RxNorm, "04603")]
    [InlineData(CodeSystem.SnomedCt, "32914")]
    public void Malformed_codes_fail(CodeSystem system, string code) => Assert.NotNull(CodeFormats.Problem(system, code));

    /// <summary>The shipped files with the first <paramref name="find"/> in codes.yaml replaced, and the 1-based line it is on.</summary>
    private static (Dictionary<string, string> Files, int Line) Broken(string find, string replace)
    {
        var files = Repository.KnowledgeFiles();
        var text = files["codes.yaml"];
        var index = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, $"codes.yaml no longer contains '{find}'");
        files["codes.yaml"] = text[..index] + replace + text[(index + find.Length)..];
        return (files, text[..index].Count(c => c == '\n') + 1);
    }
}
