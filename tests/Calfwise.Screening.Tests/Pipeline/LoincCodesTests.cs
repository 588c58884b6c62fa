using System.Text;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using Calfwise.Screening.Pipeline;

namespace Calfwise.Screening.Tests.Pipeline;

/// <summary>
/// A lab's LOINC code is looked up from its bytes as a number: for every code the knowledge base binds and its near
/// misses (leading zero, spaces, another check digit, too many digits, letters), the analyte found is the one the
/// knowledge base's own index gives the code as a string.
/// </summary>
public sealed class LoincCodesTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;

    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        var bound = Knowledge.Codes.Bindings.Where(b => b.System == CodeSystem.Loinc).Select(b => b.Code).Distinct().ToList();
        Assert.NotEmpty(bound);
        foreach (var code in bound)
        {
            foreach (var variant in new[] { code, "0" + code, " " + code, code + " ", code[..^1] + (char)('0' + ((code[^1] - '0' + 1) % 10)), "12345678" + code[^2..], "x" + code, code.Replace('-', '.') })
            {
                data.Add(variant);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_code_read_from_its_bytes_finds_the_analyte_the_index_finds(string code)
    {
        var mapper = new FactMapper(Knowledge);
        var line = $$"""{"resourceType":"Observation","id":"o1","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"{{code}}"}]},"subject":{"reference":"Patient/p1"},"valueQuantity":{"value":1},"effectiveDateTime":"2026-01-02"}""";
        var reader = ScreeningViews.Shipped.ReaderFor("Observation", mapper)!;
        Assert.True(reader.TryRead(Encoding.UTF8.GetBytes(line)));
        var expected = Knowledge.Codes.AnalyteByLoinc(code);
        var why = mapper.ReadLab(reader.Rows, out var lab);
        if (expected is null)
        {
            Assert.Equal(SkipReason.NotBound, why);
        }
        else
        {
            Assert.NotEqual(SkipReason.NotBound, why);
            Assert.True(why is not null || lab.Analyte == expected);
        }
    }

    [Fact]
    public void Keys_tell_codes_apart_and_only_loinc_shaped_bytes_have_one()
    {
        Assert.True(LoincCodes.TryKey("2276-4"u8, out var a));
        Assert.True(LoincCodes.TryKey("02276-4"u8, out var b));
        Assert.True(LoincCodes.TryKey("2276-5"u8, out var c));
        Assert.True(LoincCodes.TryKey("1234567-8"u8, out _));
        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
        foreach (var bad in new[] { "", "2276", "-4", "2276-", "2276--4", "12345678-9", " 2276-4", "2276-4 ", "22a6-4", "2276-x" })
        {
            Assert.False(LoincCodes.TryKey(Encoding.ASCII.GetBytes(bad), out _), bad);
            Assert.False(LoincCodes.IsShaped(bad), bad);
        }
    }
}
