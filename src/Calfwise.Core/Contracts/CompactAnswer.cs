using System.Text.Json;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Contracts;

/// <summary>
/// Writes an assessment as its compact JSON answer (<see cref="AssessmentResponse"/>), byte for byte what
/// <see cref="JsonSerializer"/> writes for <see cref="Responses.From(Assessment, string)"/> with
/// <see cref="ContractJson.Compact"/> and <see cref="ContractJson.CompactWriter"/>, but faster: the answer and its
/// conditions are written member by member with pre-encoded names, straight from the assessment (the conditions and
/// the recommendation list are never made as contract objects), the shared recommendations and evidence are copied
/// from their encoded bytes, and every other part is mapped by <see cref="Responses"/> and goes through its
/// source-generated fast path. The contract records stay the one description of the answer (OpenAPI, reading back);
/// CompactAnswerTests checks that this writer and the serializer agree on every vignette. Given any other writer
/// (indented, another encoder) it leaves the whole answer to the serializer.
/// </summary>
public static class CompactAnswer
{
    internal static readonly JsonEncodedText Triage = Name("triage");
    private static readonly JsonEncodedText RedFlags = Name("redFlags");
    private static readonly JsonEncodedText Differential = Name("differential");
    private static readonly JsonEncodedText Labs = Name("labs");
    private static readonly JsonEncodedText Iron = Name("iron");
    private static readonly JsonEncodedText Criteria = Name("criteria");
    private static readonly JsonEncodedText Recommendations = Name("recommendations");
    private static readonly JsonEncodedText Warnings = Name("warnings");
    private static readonly JsonEncodedText Disclaimer = Name("disclaimer");
    private static readonly JsonEncodedText KnowledgeVersion = Name("knowledgeVersion");
    internal static readonly JsonEncodedText Condition = Name("condition");
    internal static readonly JsonEncodedText ConditionName = Name("name");
    internal static readonly JsonEncodedText Probability = Name("probability");
    internal static readonly JsonEncodedText Prior = Name("prior");
    internal static readonly JsonEncodedText Evidence = Name("evidence");

    /// <summary>Writes the answer to <paramref name="assessment"/> as the serializer would write it with this writer's settings.</summary>
    public static void Write(Utf8JsonWriter writer, Assessment assessment, string knowledgeVersion)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(assessment);
        var contracts = ContractJson.Compact;
        if (!ContractJson.IsCompact(writer))
        {
            JsonSerializer.Serialize(writer, Responses.From(assessment, knowledgeVersion), contracts.AssessmentResponse); // the encoded parts are compact
            return;
        }

        writer.WriteStartObject();
        writer.WritePropertyName(Triage);
        JsonSerializer.Serialize(writer, Responses.Triage(assessment.Triage), contracts.TriageResponse);
        writer.WritePropertyName(RedFlags);
        JsonSerializer.Serialize(writer, Responses.RedFlags(assessment.RedFlags), contracts.IReadOnlyListRedFlagResponse);
        writer.WritePropertyName(Differential);
        writer.WriteStartArray();
        foreach (var condition in assessment.Differential)
        {
            WriteCondition(writer, condition);
        }

        writer.WriteEndArray();
        writer.WritePropertyName(Labs);
        JsonSerializer.Serialize(writer, Responses.Labs(assessment.Labs), contracts.IReadOnlyListLabResponse);
        writer.WritePropertyName(Iron);
        JsonSerializer.Serialize(writer, Responses.Iron(assessment.Iron), contracts.IronResponse);
        writer.WritePropertyName(Criteria);
        JsonSerializer.Serialize(writer, Responses.Criteria(assessment), contracts.CriteriaResponse);
        writer.WritePropertyName(Recommendations);
        WriteEncoded(writer, assessment.Recommendations, Responses.Recommendations);
        writer.WritePropertyName(Warnings);
        JsonSerializer.Serialize(writer, assessment.Warnings, contracts.IReadOnlyListString);
        writer.WriteString(Disclaimer, assessment.Disclaimer);
        writer.WriteString(KnowledgeVersion, knowledgeVersion);
        writer.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter writer, ConditionResult condition)
    {
        if (ConditionParts.TryWrite(writer, condition))
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(Condition, condition.Id);
        writer.WriteString(ConditionName, condition.Name);
        writer.WriteNumber(Probability, Responses.Probability(condition));
        writer.WriteNumber(Prior, condition.Prior);
        writer.WriteString(Triage, condition.Triage.ToId());
        writer.WritePropertyName(Evidence);
        WriteEncoded(writer, condition.Evidence, Responses.Evidence);
        writer.WriteEndObject();
    }

    /// <summary>A list of shared parts as an array of their encoded bytes (the writer is a compact one).</summary>
    private static void WriteEncoded<TSource, TResponse>(Utf8JsonWriter writer, IReadOnlyList<TSource> items, SharedParts<TSource, TResponse> parts)
        where TSource : class
        where TResponse : class
    {
        writer.WriteStartArray();
        for (var i = 0; i < items.Count; i++)
        {
            writer.WriteRawValue(parts.Encoded(items[i]), skipInputValidation: true);
        }

        writer.WriteEndArray();
    }

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name, ContractJson.CompactWriter.Encoder);
}
