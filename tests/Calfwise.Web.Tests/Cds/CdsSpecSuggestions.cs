using System.Text.Json.Nodes;
using static Calfwise.Web.Tests.Cds.CdsSpec;

namespace Calfwise.Web.Tests.Cds;

/// <summary>The specification's rules for suggestions, their actions, override reasons and the card's uuid.</summary>
public static class CdsSpecSuggestions
{
    public static void Check(JsonObject card, List<string> problems)
    {
        var suggestions = card["suggestions"] as JsonArray;
        if (card["suggestions"] is not null && suggestions is null)
        {
            problems.Add("suggestions must be an array");
        }

        // uuid, OPTIONAL: "MAY be used for auditing and logging cards and SHALL be included in any subsequent calls to
        // the CDS service's feedback endpoint", and "If either the card or the suggestion has no uuid, the CDS client
        // does not send a notification." Calfwise's reading: a card that offers suggestions or override reasons asks
        // for feedback, so it carries a uuid (and so does each suggestion).
        var asksForFeedback = suggestions is { Count: > 0 } || card["overrideReasons"] is JsonArray { Count: > 0 };
        if (asksForFeedback && Text(card["uuid"]) is null)
        {
            problems.Add("uuid is required on a card with suggestions or override reasons (feedback needs it)");
        }

        if (suggestions is { Count: > 0 })
        {
            // "If suggestions are present, selectionBehavior MUST also be provided." Allowed values: "at-most-one,
            // indicating that the user may choose none or at most one of the suggestions; any, ..."
            Require(card, "selectionBehavior", ["at-most-one", "any"], problems);
            for (var i = 0; i < suggestions.Count; i++)
            {
                Suggestion(suggestions[i], $"suggestions[{i}]", problems);
            }
        }

        // overrideReasons, OPTIONAL, "array of Coding": "implementations are required to only respect the code
        // property. However, they may consume other properties for a better end user experience, such as presenting
        // a human readable text in the display property". Calfwise asks for all three: code, system and display.
        if (card["overrideReasons"] is { } reasons)
        {
            var list = reasons as JsonArray ?? [];
            if (reasons is not JsonArray)
            {
                problems.Add("overrideReasons must be an array of Coding");
            }

            for (var i = 0; i < list.Count; i++)
            {
                foreach (var key in new[] { "code", "system", "display" })
                {
                    if (Text(list[i]?[key]) is null)
                    {
                        problems.Add($"overrideReasons[{i}].{key} is required");
                    }
                }
            }
        }
    }

    private static void Suggestion(JsonNode? node, string path, List<string> problems)
    {
        if (node is not JsonObject suggestion)
        {
            problems.Add($"{path} must be an object");
            return;
        }

        // label, REQUIRED: "Human-readable label to display for this suggestion".
        if (Text(suggestion["label"]) is null)
        {
            problems.Add($"{path}.label is required");
        }

        if (Text(suggestion["uuid"]) is null)
        {
            problems.Add($"{path}.uuid is required (feedback names accepted suggestions by it)");
        }

        // isRecommended, OPTIONAL, boolean.
        if (suggestion["isRecommended"] is { } recommended && recommended.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
        {
            problems.Add($"{path}.isRecommended must be a boolean");
        }

        // actions, OPTIONAL: "Array of objects, each defining a suggested action."
        var actions = suggestion["actions"] as JsonArray ?? [];
        for (var i = 0; i < actions.Count; i++)
        {
            Action(actions[i], $"{path}.actions[{i}]", problems);
        }
    }

    private static void Action(JsonNode? node, string path, List<string> problems)
    {
        if (node is not JsonObject action)
        {
            problems.Add($"{path} must be an object");
            return;
        }

        // type, REQUIRED: "Allowed values are: create, update, delete."
        Require(action, "type", ["create", "update", "delete"], problems, path + ".type");

        // description, REQUIRED: "Human-readable description of the suggested action".
        if (Text(action["description"]) is null)
        {
            problems.Add($"{path}.description is required");
        }

        // resource, CONDITIONAL: "When the type attribute is create, the resource attribute SHALL contain a new FHIR
        // resource to be created. For update, this holds the updated resource in its entirety".
        // resourceId, CONDITIONAL: "A relative reference to the relevant resource. SHOULD be provided when the type
        // attribute is delete."
        switch (Text(action["type"]))
        {
            case "create" or "update" when Text(action["resource"]?["resourceType"]) is null:
                problems.Add($"{path}.resource must be a FHIR resource (with resourceType) for {Text(action["type"])}");
                break;
            case "delete" when Text(action["resourceId"]) is not { } id || id.Split('/') is not [{ Length: > 0 }, { Length: > 0 }]:
                problems.Add($"{path}.resourceId must be a relative reference (Type/id) for delete");
                break;
        }
    }
}
