using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Calfwise.Core.Contracts;

/// <summary>The assessment of docs/case-format.md, as the CLI (--format json) and POST /api/assessments write it.</summary>
[Description("Everything Calfwise says about one case (docs/case-format.md).")]
public sealed record AssessmentResponse(
    TriageResponse Triage,
    IReadOnlyList<RedFlagResponse> RedFlags,
    [property: Description("Conditions by probability, high to low; judged independently, so they do not sum to 1.")] IReadOnlyList<ConditionResponse> Differential,
    IReadOnlyList<LabResponse> Labs,
    IronResponse Iron,
    CriteriaResponse Criteria,
    [property: JsonConverter(typeof(SharedPartsConverter<RecommendationResponse>))] IReadOnlyList<RecommendationResponse> Recommendations,
    IReadOnlyList<string> Warnings,
    string Disclaimer,
    [property: Description("The version of the knowledge base that made this assessment (a content hash of the knowledge files).")] string KnowledgeVersion);

[Description("How soon to seek care, and why.")]
public sealed record TriageResponse(
    [property: Description("self-care, routine, urgent or emergency.")] string Level,
    string Advice,
    IReadOnlyList<string> Reasons);

[Description("A red flag that fired.")]
public sealed record RedFlagResponse(
    string Id,
    [property: Description("self-care, routine, urgent or emergency.")] string Level,
    string Text,
    IReadOnlyList<string> Sources)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("The condition in differential this flag warns of, when the knowledge names one.")]
    public string? Condition { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Finding ids answered \"I don't know\" that leave the flag unable to be ruled out; present only then.")]
    public IReadOnlyList<string>? NotRuledOut { get; init; }
}

[Description("A condition of the differential.")]
public sealed record ConditionResponse(
    string Condition,
    string Name,
    [property: Description("0 to 1, rounded to 4 places.")] double Probability,
    double Prior,
    string Triage,
    [property: JsonConverter(typeof(SharedPartsConverter<EvidenceResponse>))] IReadOnlyList<EvidenceResponse> Evidence);

[Description("What moved a condition's probability.")]
public sealed record EvidenceResponse(
    [property: Description("finding, lab or medication.")] string Kind,
    string Id,
    string Label,
    double LikelihoodRatio,
    string Source,
    string Grade);

[Description("A lab value read in its canonical unit against the range for this person.")]
public sealed record LabResponse(
    string Analyte,
    string Name,
    string Loinc,
    decimal Value,
    string Unit,
    decimal CanonicalValue,
    string CanonicalUnit,
    [property: Description("low, normal, high, critical or unranged.")] string Status,
    decimal? Low,
    decimal? High,
    string? RangeSource,
    [property: Description("True for a transferrin saturation calculated from iron and TIBC.")] bool Derived,
    string? Note);

[Description("The iron treatment algorithm's outcome.")]
public sealed record IronResponse(
    [property: Description("test-first, oral-or-iv, iv-only, iv-dialysis, no-iron or overload.")] string Plan,
    string Explanation,
    bool? Inflammation,
    bool? Anemia,
    bool? SevereAnemia,
    IReadOnlyList<string> Sources);

public sealed record CriteriaResponse(IrlssgResponse Irlssg)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Description("Present when IRLS item scores were given.")]
    public IrlsResponse? Irls { get; init; }
}

[Description("The IRLSSG 2014 diagnostic criteria for restless legs.")]
public sealed record IrlssgResponse(
    [property: Description("met, not-met or unknown.")] string Status,
    [property: Description("Whether restless legs are in question.")] bool Relevant,
    string Source,
    IReadOnlyList<CriterionResponse> Criteria);

public sealed record CriterionResponse(int Number, string Text, string Status, string? Note);

[Description("The IRLS severity total and band; the licensed item wording is not reproduced.")]
public sealed record IrlsResponse(int Total, int Max, string Band, string Source, string Licence);

public sealed record RecommendationResponse(string Id, string Kind, string Title, string Text, IReadOnlyList<SourceResponse> Sources);

public sealed record SourceResponse(string Id, string Citation, string Url, string Grade);

/// <summary>Lab results alone (POST /api/labs, calfwise labs --format json).</summary>
public sealed record LabsResponse(IReadOnlyList<LabResponse> Labs);
