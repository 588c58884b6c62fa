using System.Text.Json.Nodes;

namespace Calfwise.Web.Tests.Cds;

/// <summary>The card rules each catch what they are written for: the specification's example card, broken one way at a time.</summary>
public sealed class CdsSpecRuleTests
{
    /// <summary>The first card of the specification's example response, with a suggestion and override reasons added.</summary>
    private static JsonObject Card()
    {
        var card = CdsSpecExampleTests.Example("cards-response.json")["cards"]![0]!.DeepClone().AsObject();
        card["selectionBehavior"] = "at-most-one";
        card["suggestions"] = JsonNode.Parse("""
            [{ "label": "Order ferritin", "uuid": "e56e1945-20b3-4393-8503-a1a20fd73152", "isRecommended": true,
               "actions": [{ "type": "create", "description": "Order ferritin", "resource": { "resourceType": "ServiceRequest", "status": "draft" } }] }]
            """);
        card["overrideReasons"] = JsonNode.Parse("""[{ "code": "patient-declined", "system": "https://example.org/reasons", "display": "Patient declined" }]""");
        return card;
    }

    [Fact]
    public void The_example_card_with_a_suggestion_breaks_no_rule() => Assert.Empty(CdsSpec.Problems(Card()));

    [Theory]
    [InlineData("summary", "\"" + "A summary of exactly one hundred and forty characters is one too many for the specification's rule that it be under 140 characters long!!!!!\"", "under 140 characters")]
    [InlineData("summary", null, "summary is required")]
    [InlineData("indicator", "\"urgent\"", "indicator 'urgent' is not one of info, warning, critical")]
    [InlineData("indicator", null, "indicator is required")]
    [InlineData("source", null, "source is required")]
    [InlineData("source", "{ \"url\": \"https://example.com\" }", "source.label is required")]
    [InlineData("source", "{ \"label\": \"x\", \"url\": \"/relative\" }", "source.url must be an absolute URL")]
    [InlineData("source", "{ \"label\": \"x\", \"icon\": \"icon.png\" }", "source.icon must be an absolute URL")]
    [InlineData("selectionBehavior", null, "selectionBehavior is required")]
    [InlineData("selectionBehavior", "\"all\"", "selectionBehavior 'all' is not one of at-most-one, any")]
    [InlineData("uuid", null, "uuid is required on a card with suggestions")]
    [InlineData("detail", "\"\"", "card.detail is an empty string")]
    [InlineData("links", "[]", "card.links is an empty array")]
    [InlineData("links", "[{ \"label\": \"x\", \"url\": \"https://a.example\", \"type\": \"relative\" }]", "links[0].type 'relative' is not one of absolute, smart")]
    [InlineData("links", "[{ \"label\": \"x\", \"type\": \"absolute\" }]", "links[0].url is required")]
    [InlineData("links", "[{ \"url\": \"https://a.example\", \"type\": \"absolute\" }]", "links[0].label is required")]
    [InlineData("links", "[{ \"label\": \"x\", \"url\": \"https://a.example\", \"type\": \"absolute\", \"appContext\": \"{}\" }]", "appContext is only valid on smart links")]
    [InlineData("overrideReasons", "[{ \"system\": \"https://example.org/reasons\", \"display\": \"x\" }]", "overrideReasons[0].code is required")]
    [InlineData("overrideReasons", "[{ \"code\": \"x\", \"display\": \"x\" }]", "overrideReasons[0].system is required")]
    [InlineData("overrideReasons", "[{ \"code\": \"x\", \"system\": \"https://example.org/reasons\" }]", "overrideReasons[0].display is required")]
    public void A_broken_card_attribute_is_named(string key, string? json, string expected)
    {
        var card = Card();
        card[key] = json is null ? null : JsonNode.Parse(json);
        if (json is null)
        {
            card.Remove(key);
        }

        Assert.Contains(CdsSpec.Problems(card), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("label", null, "suggestions[0].label is required")]
    [InlineData("uuid", null, "suggestions[0].uuid is required")]
    [InlineData("isRecommended", "\"yes\"", "isRecommended must be a boolean")]
    [InlineData("actions", "[{ \"type\": \"replace\", \"description\": \"x\" }]", "actions[0].type 'replace' is not one of create, update, delete")]
    [InlineData("actions", "[{ \"type\": \"create\", \"resource\": { \"resourceType\": \"ServiceRequest\" } }]", "actions[0].description is required")]
    [InlineData("actions", "[{ \"type\": \"create\", \"description\": \"x\" }]", "actions[0].resource must be a FHIR resource")]
    [InlineData("actions", "[{ \"type\": \"update\", \"description\": \"x\", \"resource\": { \"id\": \"1\" } }]", "actions[0].resource must be a FHIR resource")]
    [InlineData("actions", "[{ \"type\": \"delete\", \"description\": \"x\" }]", "actions[0].resourceId must be a relative reference")]
    [InlineData("actions", "[{ \"type\": \"delete\", \"description\": \"x\", \"resourceId\": \"123\" }]", "actions[0].resourceId must be a relative reference")]
    public void A_broken_suggestion_is_named(string key, string? json, string expected)
    {
        var card = Card();
        var suggestion = card["suggestions"]![0]!.AsObject();
        suggestion.Remove(key);
        if (json is not null)
        {
            suggestion[key] = JsonNode.Parse(json);
        }

        Assert.Contains(CdsSpec.Problems(card), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_delete_with_a_relative_reference_is_good()
    {
        var card = Card();
        card["suggestions"]![0]!["actions"] = JsonNode.Parse("""[{ "type": "delete", "description": "Remove the order", "resourceId": "ServiceRequest/procedure-request-1" }]""");
        Assert.Empty(CdsSpec.Problems(card));
    }

    [Fact]
    public void A_null_attribute_is_named()
    {
        var card = Card();
        card["detail"] = null;
        Assert.Contains("card.detail is null", CdsSpec.Problems(card));
    }
}
