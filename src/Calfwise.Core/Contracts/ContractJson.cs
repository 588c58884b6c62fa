using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

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
[JsonSerializable(typeof(LabsResponse))]
[JsonSerializable(typeof(NextQuestionResponse))]
public sealed partial class ContractJsonContext : JsonSerializerContext;

/// <summary>A case as it is written back: absent fields are left out rather than written as null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaseRequest))]
internal sealed partial class CaseWriteJsonContext : JsonSerializerContext;

/// <summary>The serializer settings of the contracts: compact for the web, indented for people (the CLI, saved cases).</summary>
public static class ContractJson
{
    /// <summary>Compact output, for the API.</summary>
    public static ContractJsonContext Compact { get; } = new(Options(indented: false));

    /// <summary>Indented output, for the command line.</summary>
    public static ContractJsonContext Indented { get; } = new(Options(indented: true));

    internal static CaseWriteJsonContext CaseWriter { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The assessment as indented JSON text (calfwise assess --format json).</summary>
    public static string Write(AssessmentResponse response) => JsonSerializer.Serialize(response, Indented.AssessmentResponse);

    public static string Write(LabsResponse response) => JsonSerializer.Serialize(response, Indented.LabsResponse);

    public static string Write(NextQuestionResponse response) => JsonSerializer.Serialize(response, Indented.NextQuestionResponse);

    private static JsonSerializerOptions Options(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
        WriteIndented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // µ, ≥ and quotes as they are, as the documented examples show
    };
}
