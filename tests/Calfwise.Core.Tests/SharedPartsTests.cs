using System.Buffers;
using System.Text;
using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Core.Contracts;
using Calfwise.Core.Engine;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>
/// The API writes recommendations and evidence from bytes encoded once (Contracts/SharedParts.cs): the answer must be
/// byte for byte what the serializer writes for the same objects made afresh, and still read back.
/// </summary>
public sealed class SharedPartsTests
{
    private static readonly AssessmentEngine Engine = new(EmbeddedKnowledge.Instance);

    public static TheoryData<string> Examples() => new(Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.json").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_compact_answer_is_the_same_with_shared_parts_as_with_parts_made_afresh(string example)
    {
        var response = Answer(example);
        Assert.NotEmpty(response.Recommendations);
        Assert.Contains(response.Differential, c => c.Evidence.Count > 0);
        var afresh = response with
        {
            // `with { }` copies a record: a copy is not shared, so it is serialized field by field.
            Recommendations = [.. response.Recommendations.Select(r => r with { })],
            Differential = [.. response.Differential.Select(c => c with { Evidence = [.. c.Evidence.Select(e => e with { })] })],
        };

        Assert.Equal(Compact(afresh), Compact(response));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_compact_answer_reads_back_to_the_same_answer(string example)
    {
        var json = Compact(Answer(example));

        var read = JsonSerializer.Deserialize(json, ContractJson.Compact.AssessmentResponse);

        Assert.NotNull(read);
        Assert.Equal(json, Compact(read));
    }

    [Fact]
    public void Indented_output_does_not_copy_the_compact_bytes()
    {
        var text = ContractJson.Write(Answer("rls-low-ferritin.json"));

        Assert.Contains("\"recommendations\": [\n    {\n      \"id\": ", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("{\"id\":", text, StringComparison.Ordinal);
    }

    private static AssessmentResponse Answer(string example)
    {
        var read = CaseJson.Read(File.ReadAllText(Path.Combine(Repository.Root, "examples", example)), EmbeddedKnowledge.Instance, TestDates.Today);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        return Responses.From(Engine.Assess(read.Validated), EmbeddedKnowledge.Instance.Version);
    }

    private static string Compact(AssessmentResponse response)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, ContractJson.CompactWriter))
        {
            JsonSerializer.Serialize(writer, response, ContractJson.Compact.AssessmentResponse);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
