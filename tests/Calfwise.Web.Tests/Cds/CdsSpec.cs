using System.Text.Json.Nodes;

namespace Calfwise.Web.Tests.Cds;

/// <summary>
/// The CDS Hooks 2.0 rules for a card, written from the specification (Card Attributes), not from the service: each
/// card needs a summary under 140 characters, an indicator of info, warning or critical, and a source with a label;
/// suggestions need a label and actions of type create, update or delete with a description, and a card with
/// suggestions needs a selectionBehavior of at-most-one or any; override reasons are Codings (system and code);
/// links need a label, a url and a type of absolute or smart.
/// </summary>
public static class CdsSpec
{
    public static void AssertCard(JsonNode? card)
    {
        var c = Assert.IsType<JsonObject>(card);
        var summary = c["summary"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(summary));
        Assert.True(summary.Length < 140, $"summary is {summary.Length} characters: {summary}");
        Assert.Contains(c["indicator"]!.GetValue<string>(), new[] { "info", "warning", "critical" });
        Assert.False(string.IsNullOrWhiteSpace(Assert.IsType<JsonObject>(c["source"])["label"]!.GetValue<string>()));
        if (c["suggestions"] is JsonArray suggestions && suggestions.Count > 0)
        {
            Assert.Contains(c["selectionBehavior"]!.GetValue<string>(), new[] { "at-most-one", "any" });
            foreach (var suggestion in suggestions)
            {
                Assert.False(string.IsNullOrWhiteSpace(suggestion!["label"]!.GetValue<string>()));
                foreach (var action in suggestion["actions"]?.AsArray() ?? [])
                {
                    Assert.Contains(action!["type"]!.GetValue<string>(), new[] { "create", "update", "delete" });
                    Assert.False(string.IsNullOrWhiteSpace(action["description"]!.GetValue<string>()));
                    if (action["type"]!.GetValue<string>() == "create")
                    {
                        Assert.NotNull(action["resource"]!["resourceType"]);
                    }
                }
            }
        }

        foreach (var reason in c["overrideReasons"]?.AsArray() ?? [])
        {
            Assert.False(string.IsNullOrWhiteSpace(reason!["code"]!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(reason["system"]!.GetValue<string>()));
        }

        foreach (var link in c["links"]?.AsArray() ?? [])
        {
            Assert.False(string.IsNullOrWhiteSpace(link!["label"]!.GetValue<string>()));
            Assert.StartsWith("http", link["url"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains(link["type"]!.GetValue<string>(), new[] { "absolute", "smart" });
        }
    }

    /// <summary>The cards of a response, each checked against the rules above.</summary>
    public static JsonArray Cards(string body)
    {
        var cards = Assert.IsType<JsonArray>(JsonNode.Parse(body)!["cards"]);
        foreach (var card in cards)
        {
            AssertCard(card);
        }

        return cards;
    }
}
