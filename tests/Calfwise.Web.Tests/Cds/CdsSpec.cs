using System.Text.Json.Nodes;

namespace Calfwise.Web.Tests.Cds;

/// <summary>
/// The CDS Hooks 2.0 rules for a card, written from the specification's text (CDS Service Response, Card Attributes,
/// Source, Suggestion, Action, Reasons for rejecting a card, Link, Feedback), not from the service: each rule quotes
/// the sentence it comes from. Where Calfwise asks for more than the specification, the comment says so. The
/// specification's own example response passes (SpecExampleTests), and each rule has a test that breaks it.
/// </summary>
public static class CdsSpec
{
    /// <summary>Asserts a card breaks no rule.</summary>
    public static void AssertCard(JsonNode? card)
    {
        var problems = Problems(card);
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + card?.ToJsonString());
    }

    /// <summary>The cards of a response, each checked against the rules.</summary>
    public static JsonArray Cards(string body)
    {
        // "CDS Services SHALL respond with a 200 HTTP response with an object containing a cards array."
        var cards = Assert.IsType<JsonArray>(JsonNode.Parse(body)!["cards"]);
        foreach (var card in cards)
        {
            AssertCard(card);
        }

        return cards;
    }

    /// <summary>Every rule the card breaks, in words; empty for a good card.</summary>
    public static List<string> Problems(JsonNode? node)
    {
        var problems = new List<string>();
        if (node is not JsonObject card)
        {
            return ["a card must be a JSON object"];
        }

        NoNullsOrEmpties(card, "card", problems);

        // summary, REQUIRED: "One-sentence, <140-character summary message for display to the user inside of this card."
        if (Text(card["summary"]) is not { } summary)
        {
            problems.Add("summary is required");
        }
        else if (summary.Length >= 140)
        {
            problems.Add($"summary must be under 140 characters (it has {summary.Length})");
        }

        // indicator, REQUIRED: "Allowed values, in order of increasing urgency, are: info, warning, critical."
        Require(card, "indicator", ["info", "warning", "critical"], problems);

        // detail, OPTIONAL: "if provided MUST be represented in (GitHub Flavored) Markdown" (a string).
        if (card["detail"] is { } detail && Text(detail) is null)
        {
            problems.Add("detail must be a string");
        }

        // source, REQUIRED: "Grouping structure for the Source of the information displayed on this card."
        if (card["source"] is not JsonObject source)
        {
            problems.Add("source is required (an object)");
        }
        else
        {
            // label, REQUIRED: "A short, human-readable label to display for the source of the information."
            if (Text(source["label"]) is null)
            {
                problems.Add("source.label is required");
            }

            // url, OPTIONAL: "An optional absolute URL to load ..."; icon, OPTIONAL: "An absolute URL to an icon".
            AbsoluteIfPresent(source, "url", "source.url", problems);
            AbsoluteIfPresent(source, "icon", "source.icon", problems);
        }

        CdsSpecSuggestions.Check(card, problems);
        CdsSpecLinks.Check(card, problems);
        return problems;
    }

    /// <summary>
    /// "Unless otherwise specified, JSON attributes SHALL NOT be null. ... OPTIONAL JSON string and array attributes
    /// should be omitted rather than having a null or empty value. Similarly, JSON objects SHALL NOT be empty."
    /// </summary>
    private static void NoNullsOrEmpties(JsonNode node, string path, List<string> problems)
    {
        switch (node)
        {
            case JsonObject o:
                if (o.Count == 0)
                {
                    problems.Add($"{path} is an empty object");
                }

                foreach (var (key, value) in o)
                {
                    if (value is null)
                    {
                        problems.Add($"{path}.{key} is null");
                    }
                    else
                    {
                        NoNullsOrEmpties(value, $"{path}.{key}", problems);
                    }
                }

                break;
            case JsonArray a:
                if (a.Count == 0)
                {
                    problems.Add($"{path} is an empty array");
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } item)
                    {
                        NoNullsOrEmpties(item, $"{path}[{i}]", problems);
                    }
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s):
                // "JSON string or URL attributes that have an optionality of REQUIRED MAY NOT have empty values."
                problems.Add($"{path} is an empty string");
                break;
        }
    }

    /// <summary>A non-blank string; null for anything else.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>A required string among allowed values.</summary>
    public static void Require(JsonObject o, string key, string[] allowed, List<string> problems, string? path = null)
    {
        var name = path ?? key;
        if (Text(o[key]) is not { } value)
        {
            problems.Add($"{name} is required");
        }
        else if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            problems.Add($"{name} '{value}' is not one of {string.Join(", ", allowed)}");
        }
    }

    /// <summary>
    /// An absolute http or https URL (loaded "via GET, in a browser context"). A bare check for an absolute URI would
    /// let "/relative" through on Linux, where it reads as a file path.
    /// </summary>
    public static bool IsAbsoluteUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static void AbsoluteIfPresent(JsonObject o, string key, string path, List<string> problems)
    {
        if (o[key] is { } node && !IsAbsoluteUrl(Text(node)))
        {
            problems.Add($"{path} must be an absolute URL");
        }
    }
}
