using System.Text.Json;

namespace Calfwise.Core.Contracts;

/// <summary>
/// Writes an assessment answer as compact JSON, byte for byte as <see cref="JsonSerializer"/> writes it with
/// <see cref="ContractJson.Compact"/> and <see cref="ContractJson.CompactWriter"/>, but faster: the answer and its
/// conditions are written member by member with pre-encoded names, the shared recommendations and evidence are copied
/// from their encoded bytes, and every other part goes through its source-generated fast path. The two list converters
/// that copy shared parts cost <see cref="AssessmentResponse"/> and <see cref="ConditionResponse"/> the serializer's
/// fast path; this gives it back. The contract records stay the one description of the answer (OpenAPI, reading back);
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

    /// <summary>Writes <paramref name="answer"/> as the serializer would with this writer's settings.</summary>
    public static void Write(Utf8JsonWriter writer, AssessmentResponse answer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(answer);
        var contracts = ContractJson.Compact;
        if (writer.Options.Indented || !ReferenceEquals(writer.Options.Encoder, ContractJson.CompactWriter.Encoder))
        {
            JsonSerializer.Serialize(writer, answer, contracts.AssessmentResponse); // the encoded parts are compact
            return;
        }

        writer.WriteStartObject();
        writer.WritePropertyName(Triage);
        JsonSerializer.Serialize(writer, answer.Triage, contracts.TriageResponse);
        writer.WritePropertyName(RedFlags);
        JsonSerializer.Serialize(writer, answer.RedFlags, contracts.IReadOnlyListRedFlagResponse);
        writer.WritePropertyName(Differential);
        writer.WriteStartArray();
        foreach (var condition in answer.Differential)
        {
            WriteCondition(writer, condition);
        }

        writer.WriteEndArray();
        writer.WritePropertyName(Labs);
        JsonSerializer.Serialize(writer, answer.Labs, contracts.IReadOnlyListLabResponse);
        writer.WritePropertyName(Iron);
        JsonSerializer.Serialize(writer, answer.Iron, contracts.IronResponse);
        writer.WritePropertyName(Criteria);
        JsonSerializer.Serialize(writer, answer.Criteria, contracts.CriteriaResponse);
        writer.WritePropertyName(Recommendations);
        WriteShared(writer, answer.Recommendations);
        writer.WritePropertyName(Warnings);
        JsonSerializer.Serialize(writer, answer.Warnings, contracts.IReadOnlyListString);
        writer.WriteString(Disclaimer, answer.Disclaimer);
        writer.WriteString(KnowledgeVersion, answer.KnowledgeVersion);
        writer.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter writer, ConditionResponse condition)
    {
        if (ConditionParts.TryWrite(writer, condition))
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString(Condition, condition.Condition);
        writer.WriteString(ConditionName, condition.Name);
        writer.WriteNumber(Probability, condition.Probability);
        writer.WriteNumber(Prior, condition.Prior);
        writer.WriteString(Triage, condition.Triage);
        writer.WritePropertyName(Evidence);
        WriteShared(writer, condition.Evidence);
        writer.WriteEndObject();
    }

    internal static void WriteShared<T>(Utf8JsonWriter writer, IReadOnlyList<T> items)
        where T : class
    {
        var typeInfo = PreEncoded<T>.TypeInfo(ContractJson.Compact.Options);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            if (PreEncoded<T>.TryGet(item, writer, ContractJson.Compact.Options, out var bytes))
            {
                writer.WriteRawValue(bytes, skipInputValidation: true);
            }
            else
            {
                JsonSerializer.Serialize(writer, item, typeInfo);
            }
        }

        writer.WriteEndArray();
    }

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name, ContractJson.CompactWriter.Encoder);
}
