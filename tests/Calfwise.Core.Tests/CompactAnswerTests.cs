using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Calfwise.Core.Contracts;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
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
        var assessment = Engine.Assess(Vignette.Load(file).ReadCase(EmbeddedKnowledge.Instance)).Valid();

        Assert.Equal(Serialized(assessment), Fast(assessment));
    }

    [Fact]
    public void Parts_made_for_one_answer_are_encoded_afresh_and_agree()
    {
        var assessment = First();
        var afresh = assessment with
        {
            Recommendations = [.. assessment.Recommendations.Select(r => r with { })],
            Differential = [.. assessment.Differential.Select(c => c with { Evidence = [.. c.Evidence.Select(e => e with { Label = e.Label + " (again)" })] })],
        };

        var text = Fast(afresh);

        Assert.Equal(Serialized(afresh), text);
        Assert.Contains(" (again)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_whose_fixed_parts_differ_from_the_cached_ones_is_written_as_it_is()
    {
        var assessment = First();
        Fast(assessment); // caches the knowledge's conditions
        var renamed = assessment with
        {
            Differential = [.. assessment.Differential.Select(c => c with { Name = c.Name + " \"renamed\" µ", Prior = c.Prior / 3, Triage = TriageLevel.Emergency })],
        };

        var text = Fast(renamed);

        Assert.Equal(Serialized(renamed), text);
        Assert.Contains("\\\"renamed\\\" µ", text, StringComparison.Ordinal);
        Assert.Equal(Serialized(assessment), Fast(assessment));
    }

    [Fact]
    public void Given_an_indented_writer_it_writes_what_the_serializer_writes_there()
    {
        var assessment = First();
        var options = new JsonWriterOptions { Indented = true, Encoder = ContractJson.CompactWriter.Encoder };

        var text = Fast(assessment, options);

        Assert.Equal(Serialized(assessment, options), text);
        Assert.Contains("\n  \"differential\": [\n    {\n      \"condition\": ", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.12345)] // more than four places: rounded as the contract rounds it
    [InlineData(0.99995)]
    [InlineData(1e-7)]
    [InlineData(0.1 + 0.2)] // not the double nearest to 0.3
    public void A_probability_off_the_four_place_grid_is_rounded_as_the_contract_rounds_it(double probability)
    {
        var assessment = First();
        var odd = assessment with { Differential = [.. assessment.Differential.Select(c => c with { Probability = probability })] };

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

    private static Assessment First() => Engine.Assess(Vignette.Load(Vignette.All()[0].File).ReadCase(EmbeddedKnowledge.Instance)).Valid();

    private static string Serialized(Assessment assessment, JsonWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options ?? ContractJson.CompactWriter))
        {
            JsonSerializer.Serialize(writer, Responses.From(assessment, EmbeddedKnowledge.Instance.Version), ContractJson.Compact.AssessmentResponse);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Fast(Assessment assessment, JsonWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options ?? ContractJson.CompactWriter))
        {
            CompactAnswer.Write(writer, assessment, EmbeddedKnowledge.Instance.Version);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
