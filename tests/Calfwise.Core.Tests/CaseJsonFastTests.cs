using System.Text;
using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Core.Contracts;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>
/// The hand-written case reader (CaseJson.Fast.cs) must give exactly the request the source-generated contract gives,
/// or give up and leave the body to it: never a request where the contract refuses the body, never a different one.
/// </summary>
public sealed class CaseJsonFastTests
{
    public static TheoryData<string> Vignettes() => new(Vignette.All().Select(v => v.File));

    public static TheoryData<string> Examples() => new(Directory.GetFiles(Repository.PathOf("examples"), "*.json").Select(Path.GetFileName)!);

    /// <summary>Bodies at the edges of what the contract accepts: each is read by both and compared.</summary>
    public static TheoryData<string> Edges() => new(
        """{"age": 42, "sex": "female"}""",
        """{"sex": "male", "age": 42.50}""",
        """{"age": 1e2, "sex": "male"}""",
        """{"age": 1E-2, "sex": "male"}""",
        """{"age": -0, "sex": "male"}""",
        """{"age": 1e30, "sex": "male"}""",
        """{"age": 100000000000000000000000000000, "sex": "male"}""",
        """{"age": "42", "sex": "male"}""",
        """{"age": null, "birthDate": "1980-02-29", "sex": "male"}""",
        """{"birthDate": "1980-2-29", "sex": "male"}""",
        """{"birthDate": "1981-02-29", "sex": "male"}""",
        """{"birthDate": "1980-02-29T00:00:00", "sex": "male"}""",
        """{"birthDate": "1980\u002D02-29", "sex": "male"}""",
        """{"birthDate": "", "sex": "male"}""",
        """{"birthDate": 1980, "sex": "male"}""",
        """{"age": 42, "age": 43, "sex": "male"}""",
        """{"\u0061ge": 42, "sex": "male"}""",
        """{"Age": 42, "sex": "male"}""",
        """{"age": 42, "sex": "male", "extra": 1}""",
        """{"age": 42, "sex": 1}""",
        """{"age": 42, "sex": "\ud800"}""",
        """{"age": 42, "sex": "fe\u006dale"}""",
        """{"age": 42, "sex": "female", "pregnant": "true"}""",
        """{"age": 42, "sex": "female", "pregnant": true, "trimester": 2}""",
        """{"age": 42, "sex": "female", "pregnant": true, "trimester": 2.0}""",
        """{"age": 42, "sex": "female", "trimester": 2e0}""",
        """{"age": 42, "sex": "female", "trimester": 99999999999}""",
        """{"age": 42, "sex": "male", "findings": null}""",
        """{"age": 42, "sex": "male", "findings": {}}""",
        """{"age": 42, "sex": "male", "findings": {"fatigue": true, "cramps": null, "x": false}}""",
        """{"age": 42, "sex": "male", "findings": {"fatigue": true, "fatigue": false}}""",
        """{"age": 42, "sex": "male", "findings": {"fatigue": 1}}""",
        """{"age": 42, "sex": "male", "findings": {"fat\u0069gue": true}}""",
        """{"age": 42, "sex": "male", "findings": []}""",
        """{"age": 42, "sex": "male", "medications": null}""",
        """{"age": 42, "sex": "male", "medications": [null, "sertraline", ""]}""",
        """{"age": 42, "sex": "male", "medications": "sertraline"}""",
        """{"age": 42, "sex": "male", "medications": [["sertraline"]]}""",
        """{"age": 42, "sex": "male", "labsUnavailable": ["thyroid", null]}""",
        """{"age": 42, "sex": "male", "labs": null}""",
        """{"age": 42, "sex": "male", "labs": [null]}""",
        """{"age": 42, "sex": "male", "labs": [{}]}""",
        """{"age": 42, "sex": "male", "labs": [{"analyte": "ferritin", "value": 28, "unit": "ng/mL", "date": "2026-11-01"}]}""",
        """{"age": 42, "sex": "male", "labs": [{"analyte": "ferritin", "value": 28, "analyte": "crp"}]}""",
        """{"age": 42, "sex": "male", "labs": [{"analyte": "ferritin", "value": "28", "unit": "ng/mL"}]}""",
        """{"age": 42, "sex": "male", "labs": [{"analyte": "ferritin", "value": 28, "unit": "ng/mL", "note": "x"}]}""",
        """{"age": 42, "sex": "male", "labs": [{"analyte": "ferritin", "value": 28, "unit": "ng/mL", "date": "2026-13-01"}]}""",
        """{"age": 42, "sex": "male", "labs": [3]}""",
        """{"age": 42, "sex": "male", "labs": {"analyte": "ferritin"}}""",
        """{"age": 42, "sex": "male", "instruments": null}""",
        """{"age": 42, "sex": "male", "instruments": {}}""",
        """{"age": 42, "sex": "male", "instruments": {"irls": null}}""",
        """{"age": 42, "sex": "male", "instruments": {"irls": [1, 2, 3]}}""",
        """{"age": 42, "sex": "male", "instruments": {"irls": [1.5]}}""",
        """{"age": 42, "sex": "male", "instruments": {"irls": [1], "irls": [2]}}""",
        """{"age": 42, "sex": "male", "instruments": {"other": [1]}}""",
        """{"age": 42, "sex": "male", "instruments": {"irls": [null]}}""",
        """{"age": 42, "sex": "male", "instruments": {"irls": {}}}""",
        """{"age": 42, "sex": "male", "labs": [{"analyte": 1}]}""",
        """{"age": 42, "sex": "male", "labs": [{"analyte": "ferritin", "date": "2026-11-01", "date": "2026-11-02"}]}""",
        """{"age": 42, "sex": "male", "findings": {"$id": true, "$type": false}}""",
        """{"age": 42, "sex": "male", "findings": {"\ud800": true}}""",
        """{"age": 42, "sex": "male", "medications": ["\udc00x"]}""",
        """{"age": 79228162514264337593543950335, "sex": "male"}""",
        """{"age": 79228162514264337593543950336, "sex": "male"}""",
        """{"age": 42, "sex": "female", "trimester": -0}""",
        """{"age": 42, "sex": "male",}""",
        """{"age": 42, /* a comment */ "sex": "male"}""",
        """{"age": 42, "sex": "male"} {}""",
        """{"age": 42, "sex": "male"}   """,
        "{\"age\": 42, \"sex\": \"male\"",
        """[{"age": 42}]""",
        """null""",
        """ "text" """,
        "",
        """{"age": 42, "sex": "male", "findings": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {}}}}}}}}}}""");

    [Theory]
    [MemberData(nameof(Vignettes))]
    public void Every_vignette_is_read_by_the_fast_reader_as_the_contract_reads_it(string file) =>
        AssertReadAlike(Encoding.UTF8.GetBytes(Vignette.Load(file).Case.GetRawText()), mustBeFast: true);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_is_read_by_the_fast_reader_as_the_contract_reads_it(string file) =>
        AssertReadAlike(File.ReadAllBytes(Repository.PathOf("examples", file)), mustBeFast: true);

    [Theory]
    [MemberData(nameof(Edges))]
    public void At_the_edges_the_fast_reader_agrees_or_gives_up(string body) => AssertReadAlike(Encoding.UTF8.GetBytes(body), mustBeFast: false);

    [Fact]
    public void A_byte_order_mark_is_left_to_the_contract() =>
        AssertReadAlike([0xEF, 0xBB, 0xBF, .. "{\"age\": 42, \"sex\": \"male\"}"u8], mustBeFast: false);

    [Fact]
    public void Bytes_that_are_not_utf8_are_left_to_the_contract() =>
        Assert.Null(CaseJson.TryReadFast([.. "{\"age\": 42, \"sex\": \""u8, 0xC3, 0x28, .. "\"}"u8]));

    [Fact]
    public void A_case_read_either_way_is_assessed_alike()
    {
        var knowledge = EmbeddedKnowledge.Instance;
        var body = File.ReadAllBytes(Repository.PathOf("examples", "rls-low-ferritin.json"));
        var fast = CaseJson.TryReadFast(body);

        Assert.NotNull(fast);
        Assert.Equal(
            Written(JsonSerializer.Deserialize(body, ContractJsonContext.Default.CaseRequest)),
            Written(fast));
        Assert.True(CaseJson.Read(body, knowledge, TestDates.Today).IsValid);
    }

    private static void AssertReadAlike(byte[] body, bool mustBeFast)
    {
        CaseRequest? expected;
        try
        {
            expected = JsonSerializer.Deserialize(body, ContractJsonContext.Default.CaseRequest);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            Assert.Null(CaseJson.TryReadFast(body)); // refused by the contract: the fast reader must not accept it
            return;
        }

        var fast = CaseJson.TryReadFast(body);
        if (mustBeFast)
        {
            Assert.NotNull(fast);
        }

        if (fast is not null)
        {
            Assert.Equal(Written(expected), Written(fast));
        }
    }

    private static string Written(CaseRequest? request) => JsonSerializer.Serialize(request, ContractJsonContext.Default.CaseRequest);
}
