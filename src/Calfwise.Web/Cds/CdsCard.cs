using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Calfwise.Core.Knowledge;

namespace Calfwise.Web.Cds;

/// <summary>A card (CDS Hooks 2.0): summary under 140 characters, indicator info, warning or critical, and a source.</summary>
public sealed record CdsCard(
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("indicator")] string Indicator,
    [property: JsonPropertyName("source")] CdsSource Source)
{
    public const int MaxSummary = 139;

    [JsonPropertyName("detail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    [JsonPropertyName("suggestions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CdsSuggestion>? Suggestions { get; init; }

    /// <summary>Required by the spec when there are suggestions: <c>at-most-one</c> or <c>any</c>.</summary>
    [JsonPropertyName("selectionBehavior")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SelectionBehavior { get; init; }

    [JsonPropertyName("overrideReasons")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CdsCoding>? OverrideReasons { get; init; }

    [JsonPropertyName("links")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CdsLink>? Links { get; init; }

    /// <summary>
    /// A card whose summary is cut to the spec's limit (a word boundary and an ellipsis) when longer. Its uuid is the
    /// card's kind and a fresh GUID (<c>gi-workup:4e0a3a1e-...</c>): unique as the spec asks, and feedback on it can be
    /// counted per kind of card without storing every card given.
    /// </summary>
    public static CdsCard Of(string kind, string summary, string indicator, CdsSource source) =>
        new(kind + ":" + Guid.NewGuid(), Shorten(summary), indicator, source);

    /// <summary>The kind of card a uuid names (see <see cref="Of"/>); <c>unknown</c> for a uuid Calfwise did not give.</summary>
    public static string KindOf(string uuid)
    {
        var colon = uuid.LastIndexOf(':');
        var kind = colon > 0 ? uuid[..colon] : "";
        return kind.Length <= Data.CdsFeedbackRow.MaxCardKind && kind.Length > 0 && Guid.TryParse(uuid[(colon + 1)..], out _) &&
               kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            ? kind
            : "unknown";
    }

    private static string Shorten(string summary)
    {
        if (summary.Length <= MaxSummary)
        {
            return summary;
        }

        var cut = summary[..(MaxSummary - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > 0 ? cut[..space] : cut) + "…";
    }
}

/// <summary>The source of a card: a short label and the guideline's address.</summary>
public sealed record CdsSource(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("url")] string Url)
{
    /// <summary>The source of the knowledge base with this id: its citation up to the first full stop after the authors, and its URL.</summary>
    public static CdsSource From(KnowledgeBase knowledge, string sourceId)
    {
        var source = knowledge.Sources[sourceId];
        return new CdsSource(ShortLabel(source), source.Url);
    }

    /// <summary>
    /// The authors and title of the citation with the year ("UK Kidney Association. Clinical practice guidelines: ...
    /// (2023)"); a long title gives way to its subtitle ("Winkelman JW et al. An American Academy of Sleep Medicine
    /// clinical practice guideline (2024)").
    /// </summary>
    private static string ShortLabel(Source source)
    {
        const int longest = 120;
        var parts = source.Citation.Split(". ", 3, StringSplitOptions.RemoveEmptyEntries);
        var authors = parts.Length > 1 ? parts[0] + ". " : "";
        var title = parts.Length > 1 ? parts[1] : parts[0];
        var label = $"{authors}{title} ({source.Year})";
        if (label.Length > longest && title.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0)
        {
            var subtitle = title[(colon + 2)..];
            label = $"{authors}{char.ToUpperInvariant(subtitle[0])}{subtitle[1..]} ({source.Year})";
        }

        return label.Length <= longest ? label : label[..(longest - 1)].TrimEnd() + "…";
    }
}

public sealed record CdsSuggestion(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("isRecommended")] bool IsRecommended,
    [property: JsonPropertyName("actions")] IReadOnlyList<CdsAction> Actions);

/// <summary>A FHIR action: <c>create</c> with the resource to create.</summary>
public sealed record CdsAction(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("resource")] JsonNode Resource);

public sealed record CdsCoding(
    [property: JsonPropertyName("system")] string System,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("display")] string Display);

/// <summary>A link: <c>absolute</c> (a page to open) or <c>smart</c> (a SMART app).</summary>
public sealed record CdsLink(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("type")] string Type);

/// <summary>The body of a service's answer.</summary>
public sealed record CdsResponse([property: JsonPropertyName("cards")] IReadOnlyList<CdsCard> Cards);
