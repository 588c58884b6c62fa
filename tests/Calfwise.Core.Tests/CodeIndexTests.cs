using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>The code lookups go through an index: they must find exactly what comparing with every binding finds.</summary>
public sealed class CodeIndexTests
{
    private static Codes Codes => EmbeddedKnowledge.Instance.Codes;

    /// <summary>Every shipped code, and forms of it a record may hold: a level below, lower case, blanks, dots dropped or added, a level above.</summary>
    public static TheoryData<CodeSystem, string> RecordedCodes()
    {
        var data = new TheoryData<CodeSystem, string>();
        var seen = new HashSet<(CodeSystem, string)>();
        foreach (var binding in Codes.Bindings)
        {
            var code = binding.Code;
            string[] forms = [code, code + "1", code + ".9", code.ToLowerInvariant(), $" {code} ", code.Replace(".", "", StringComparison.Ordinal), code[..^1], code + "A01", "", "X"];
            foreach (var form in forms.Where(f => seen.Add((binding.System, f))))
            {
                data.Add(binding.System, form);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RecordedCodes))]
    public void A_recorded_code_finds_the_bindings_that_cover_it_in_file_order(CodeSystem system, string recorded)
    {
        var expected = Codes.Bindings.Where(b => b.System == system && CodeFormats.Covers(system, b.Code, recorded)).ToList();
        Assert.Equal(expected, Codes.Find(system, recorded));
        foreach (var target in Enum.GetValues<CodeTarget>())
        {
            Assert.Equal(expected.Where(b => b.Target == target).Select(b => b.TargetId).Distinct(), Codes.Find(target, system, recorded));
        }
    }

    [Fact]
    public void A_code_under_two_bound_levels_finds_both_in_file_order()
    {
        var knowledge = EmbeddedKnowledge.Instance;
        var at = new SourceLocation("codes.yaml", 1);
        CodeBinding[] bindings =
        [
            new(CodeTarget.MedicationClass, "loop-diuretic", CodeSystem.Atc, "C03CA01", at),
            new(CodeTarget.MedicationClass, "thiazide-diuretic", CodeSystem.Atc, "C03", at),
            new(CodeTarget.Finding, "diabetes", CodeSystem.Icd10Cm, "E11.9", at),
            new(CodeTarget.Finding, "diabetes", CodeSystem.Icd10Cm, "E11", at),
        ];
        var codes = new Codes(bindings, knowledge);

        Assert.Equal([bindings[0], bindings[1]], codes.Find(CodeSystem.Atc, "c03ca01"));
        Assert.Equal(["loop-diuretic", "thiazide-diuretic"], codes.Find(CodeTarget.MedicationClass, CodeSystem.Atc, "C03CA01"));
        Assert.Equal([bindings[1]], codes.Find(CodeSystem.Atc, "C03CA02"));
        Assert.Equal(["diabetes"], codes.Find(CodeTarget.Finding, CodeSystem.Icd10Cm, "E119"));
        Assert.Equal([bindings[2], bindings[3]], codes.Find(CodeSystem.Icd10Cm, "e11.90"));
        Assert.Empty(codes.Find(CodeSystem.Icd10Cm, "E1"));
    }

    [Theory]
    [InlineData("http://loinc.org/", CodeSystem.Loinc)]
    [InlineData("http://snomed.info/sct//", CodeSystem.SnomedCt)]
    public void A_system_address_with_a_trailing_slash_is_the_same_system(string uri, CodeSystem system) =>
        Assert.Equal(system, CodeSystems.FromUri(uri));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("HTTP://LOINC.ORG")]
    [InlineData(" http://loinc.org")]
    public void Other_system_addresses_are_none(string? uri) => Assert.Null(CodeSystems.FromUri(uri));
}
