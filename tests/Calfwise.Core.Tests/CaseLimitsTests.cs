using System.Text;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>Issue 11: hostile cases are refused cheaply, with short messages naming the field, never an exception.</summary>
public sealed class CaseLimitsTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static CaseReadResult Read(string json) => CaseJson.Read(json, Knowledge, Today);

    [Fact]
    public void A_100_kb_unknown_finding_id_gets_a_short_message_without_suggestions()
    {
        var id = new string('a', 100_000);
        var read = Read($$$"""{"age": 40, "sex": "male", "findings": {"{{{id}}}": true}}""");

        var error = Assert.Single(read.Errors);
        Assert.StartsWith("findings", error.Field, StringComparison.Ordinal);
        Assert.True(error.Field.Length + error.Message.Length < 300, error.Field + error.Message);
        Assert.Contains("100000 characters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_misspelt_id_still_gets_suggestions()
    {
        var read = Read("""{"age": 40, "sex": "male", "findings": {"calf-twitchin": true}}""");
        Assert.Contains("did you mean 'calf-twitching'", Assert.Single(read.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_hundred_thousand_copies_of_a_lab_give_one_error()
    {
        var labs = string.Join(",", Enumerable.Repeat("""{"analyte": "ferritin", "value": 20, "unit": "ng/mL"}""", 200_000));
        var read = Read($$"""{"age": 40, "sex": "female", "labs": [{{labs}}]}""");

        var error = Assert.Single(read.Errors);
        Assert.Equal("labs", error.Field);
        Assert.Contains($"at most {CaseLimits.MaxLabs}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_errors_are_cut_after_twenty_with_a_count_of_the_rest()
    {
        var findings = string.Join(",", Enumerable.Range(0, 150).Select(i => $"\"unknown-{i}\": true"));
        var read = Read($$$"""{"age": 40, "sex": "male", "findings": {{{{findings}}}}}""");

        Assert.Equal(CaseLimits.MaxErrors + 1, read.Errors.Count);
        Assert.Equal("and 130 more problems not listed; fix these first", read.Errors[^1].Message);
    }

    [Fact]
    public void A_10_mb_medicine_name_is_refused_and_not_echoed_back()
    {
        var name = new string('x', 10_000_000);
        var read = Read($$"""{"age": 40, "sex": "male", "medications": ["{{name}}"]}""");

        var error = Assert.Single(read.Errors);
        Assert.Equal("medications", error.Field);
        Assert.True(error.Message.Length < 300, CaseLimits.Echo(error.Message));
    }

    [Theory]
    [InlineData("""{"age": 40, "sex": "male", "medications": ["\ud800"]}""")]
    [InlineData("""{"age": 40, "sex": "male", "findings": {"\udc00x": true}}""")]
    [InlineData("""{"age": 40, "sex": "\ud800"}""")]
    public void A_lone_surrogate_is_an_input_error_not_an_exception(string json)
    {
        var read = Read(json);
        Assert.False(read.IsValid);
        Assert.NotEmpty(read.Errors);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_an_input_error_not_an_exception()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"age": 40, "sex": "male", "medications": ["XX"]}""");
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xff;
        bytes[at + 1] = 0xfe;

        var read = CaseJson.Read(bytes, Knowledge, Today);
        Assert.False(read.IsValid);
        Assert.NotEmpty(read.Errors);
    }
}
