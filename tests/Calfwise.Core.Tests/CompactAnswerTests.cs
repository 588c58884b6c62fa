using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Calfwise.Core.Contracts;
using Calfwise.Core.Engine;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>
/// The API writes its answer with <see cref="CompactAnswer"/> (pre-encoded names, conditions put together from parts
/// encoded once): it must be byte for byte what the serializer writes from the contract records, for every case.
/// </summary>
public sealed class CompactAnswerTests
{
    private static readonly AssessmentEngine Engine = new(EmbeddedKnowledge.Instance);

    public static TheoryData<string> Vignettes() => new(Vignette.All().Select(v => v.File));

    [Theory]
    [MemberData(nameof(Vignettes))]
    public void The_fast_writer_writes_what_the_serializer_writes(string file)
    {
        var response = Responses.From(Engine.Assess(Vignette.Load(file).ReadCase(EmbeddedKnowledge.Instance)).Valid(), EmbeddedKnowledge.Instance.Version);

        Assert.Equal(Serialized(response), Fast(response));
    }

    [Fact]
    public void Parts_made_for_one_answer_are_written_field_by_field_and_agree()
    {
        var response = Responses.From(Engine.Assess(Vignette.Load(Vignette.All()[0].File).ReadCase(EmbeddedKnowledge.Instance)).Valid(), EmbeddedKnowledge.Instance.Version);
        var afresh = response with
        {
            Recommendations = [.. response.Recommendations.Select(r => r with { })],
            Differential = [.. response.Differential.Select(c => c with { Evidence = [.. c.Evidence.Select(e => e with { })] })],
        };

        Assert.Equal(Serialized(response), Fast(afresh));
    }

    [Fact]
    public void A_condition_whose_fixed_parts_differ_from_the_cached_ones_is_written_as_it_is()
    {
        var response = Responses.From(Engine.Assess(Vignette.Load(Vignette.All()[0].File).ReadCase(EmbeddedKnowledge.Instance)).Valid(), EmbeddedKnowledge.Instance.Version);
        Fast(response); // caches the knowledge's conditions
        var renamed = response with
        {
            Differential = [.. response.Differential.Select(c => c with { Name = c.Name + " \"renamed\" µ", Prior = c.Prior / 3, Triage = "emergency" })],
        };

        var text = Fast(renamed);

        Assert.Equal(Serialized(renamed), text);
        Assert.Contains("\\\"renamed\\\" µ", text, StringComparison.Ordinal);
        Assert.Equal(Serialized(response), Fast(response));
    }

    [Fact]
    public void Given_an_indented_writer_it_writes_what_the_serializer_writes_there()
    {
        var response = Responses.From(Engine.Assess(Vignette.Load(Vignette.All()[0].File).ReadCase(EmbeddedKnowledge.Instance)).Valid(), EmbeddedKnowledge.Instance.Version);
        var options = new JsonWriterOptions { Indented = true, Encoder = ContractJson.CompactWriter.Encoder };

        var text = Fast(response, options);

        Assert.Equal(Serialized(response, options), text);
        Assert.Contains("\n  \"differential\": [\n    {\n      \"condition\": ", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.12345)] // more than four places
    [InlineData(1e-7)]
    [InlineData(0.1 + 0.2)] // not the double nearest to 0.3
    public void A_probability_off_the_four_place_grid_is_written_by_the_serializer(double probability)
    {
        var response = Responses.From(Engine.Assess(Vignette.Load(Vignette.All()[0].File).ReadCase(EmbeddedKnowledge.Instance)).Valid(), EmbeddedKnowledge.Instance.Version);
        var odd = response with { Differential = [.. response.Differential.Select(c => c with { Probability = probability })] };

        Assert.Equal(Serialized(odd), Fast(odd));
    }

    [Fact]
    public void Every_probability_on_the_four_place_grid_is_written_as_the_json_writer_writes_it()
    {
        for (var tenThousandths = 0; tenThousandths <= 10_000; tenThousandths++)
        {
            var value = Math.Round(tenThousandths / 10_000.0, 4);
            Assert.True(FourPlaces.TryFormat(value, out var digits, out var length), value.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(Written(value), Encoding.UTF8.GetString(digits, 0, length));
        }
    }

    [Theory]
    [InlineData(-0.0001)]
    [InlineData(1.0001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.00005)]
    public void A_number_the_digits_cannot_show_exactly_is_refused(double value) =>
        Assert.False(FourPlaces.TryFormat(value, out _, out _));

    private static string Written(double value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ContractJson.CompactWriter))
        {
            writer.WriteNumberValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Serialized(AssessmentResponse response, JsonWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options ?? ContractJson.CompactWriter))
        {
            JsonSerializer.Serialize(writer, response, ContractJson.Compact.AssessmentResponse);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Fast(AssessmentResponse response, JsonWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options ?? ContractJson.CompactWriter))
        {
            CompactAnswer.Write(writer, response);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
