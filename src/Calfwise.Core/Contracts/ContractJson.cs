using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Calfwise.Core.Contracts;

/// <summary>
/// Source-generated JSON for the contracts. Reading is strict: member names are case-sensitive, unknown members and
/// duplicate keys are errors, numbers are never read from strings, and comments and trailing commas are refused.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CaseRequest))]
[JsonSerializable(typeof(AssessmentResponse))]
[JsonSerializable(typeof(RecommendationResponse))] // the elements of the lists written by SharedPartsConverter
[JsonSerializable(typeof(EvidenceResponse))]
[JsonSerializable(typeof(LabsResponse))]
[JsonSerializable(typeof(NextQuestionResponse))]
public sealed partial class ContractJsonContext : JsonSerializerContext;

/// <summary>A case as it is written back: absent fields are left out rather than written as null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaseRequest))]
internal sealed partial class CaseWriteJsonContext : JsonSerializerContext;

/// <summary>
/// The serializer settings of the contracts: compact for the web, indented for people (the CLI, saved cases). The
/// options leave the encoder unset so that the source-generated fast path serializes; the writer carries the encoder
/// that keeps µ, ≥ and quotes as they are, as the documented examples show.
/// </summary>
public static class ContractJson
{
    /// <summary>The writer settings for compact output (the API).</summary>
    public static JsonWriterOptions CompactWriter { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Whether <paramref name="writer"/> writes what <see cref="CompactWriter"/> writes: not indented, with its encoder (so pre-encoded compact parts may be copied in).</summary>
    internal static bool IsCompact(Utf8JsonWriter writer) =>
        !writer.Options.Indented && ReferenceEquals(writer.Options.Encoder, CompactWriter.Encoder);

    private static readonly JsonWriterOptions IndentedWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true, SkipValidation = true };

    /// <summary>The contracts' metadata with the strict reading settings; write with <see cref="CompactWriter"/>.</summary>
    public static ContractJsonContext Compact { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
    });

    /// <summary>The assessment as indented JSON text (calfwise assess --format json).</summary>
    public static string Write(AssessmentResponse response) => Indented(response, Compact.AssessmentResponse);

    public static string Write(LabsResponse response) => Indented(response, Compact.LabsResponse);

    public static string Write(NextQuestionResponse response) => Indented(response, Compact.NextQuestionResponse);

    internal static string Write(CaseRequest request) => Indented(request, CaseWriteJsonContext.Default.CaseRequest);

    private static string Indented<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, IndentedWriter))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
