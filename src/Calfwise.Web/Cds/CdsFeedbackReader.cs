using System.Globalization;
using System.Text.Json.Nodes;
using Calfwise.Data;

namespace Calfwise.Web.Cds;

/// <summary>
/// Reads a CDS Hooks 2.0 feedback body (<c>{"feedback": [...]}</c>) into rows, checking each item as the
/// specification describes it (card, outcome accepted or overridden, acceptedSuggestions for accepted,
/// overrideReason, outcomeTimestamp) with a size limit on every field. The first problem is named with its path.
/// </summary>
public static class CdsFeedbackReader
{
    /// <summary>Most items in one feedback post, and most accepted suggestions in one item.</summary>
    public const int MaxItems = 100;
    public const int MaxAcceptedSuggestions = 20;

    public static (List<CdsFeedbackRow>? Rows, string? Problem) Read(string serviceId, JsonObject body, DateTimeOffset now)
    {
        if (body["feedback"] is not JsonArray { Count: > 0 } items)
        {
            return (null, "feedback: a non-empty array of feedback items is required.");
        }

        if (items.Count > MaxItems)
        {
            return (null, $"feedback: {items.Count} items; at most {MaxItems} are accepted in one post.");
        }

        var rows = new List<CdsFeedbackRow>();
        for (var i = 0; i < items.Count; i++)
        {
            var (row, problem) = Item(serviceId, items[i], now);
            if (problem is not null)
            {
                return (null, $"feedback[{i}].{problem}");
            }

            rows.Add(row!);
        }

        return (rows, null);
    }

    private static (CdsFeedbackRow? Row, string? Problem) Item(string serviceId, JsonNode? node, DateTimeOffset now)
    {
        if (node is not JsonObject item)
        {
            return (null, "(item): an object is required.");
        }

        if (Limited(item["card"], CdsFeedbackRow.MaxCard, "card", required: true, out var card) is { } badCard)
        {
            return (null, badCard);
        }

        var outcome = CdsEndpoints.Text(item["outcome"]);
        if (outcome is not (CdsFeedbackStore.Accepted or CdsFeedbackStore.Overridden))
        {
            return (null, "outcome: 'accepted' or 'overridden' is required.");
        }

        if (CdsEndpoints.Text(item["outcomeTimestamp"]) is not { Length: <= 40 } stamp ||
            !DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return (null, "outcomeTimestamp: an ISO 8601 timestamp in UTC is required (such as 2020-12-11T00:00:00Z).");
        }

        var (suggestions, badSuggestions) = Suggestions(item["acceptedSuggestions"], outcome == CdsFeedbackStore.Accepted);
        if (badSuggestions is not null)
        {
            return (null, badSuggestions);
        }

        var reason = item["overrideReason"];
        if (reason is not null and not JsonObject)
        {
            return (null, "overrideReason: an object with reason (a Coding) and userComment is required.");
        }

        var coding = reason?["reason"];
        if (Limited(coding?["code"], CdsFeedbackRow.MaxReasonCode, "overrideReason.reason.code", coding is not null, out var code) is { } badCode)
        {
            return (null, badCode);
        }

        if (Limited(coding?["system"], CdsFeedbackRow.MaxReasonSystem, "overrideReason.reason.system", false, out var system) is { } badSystem)
        {
            return (null, badSystem);
        }

        if (Limited(reason?["userComment"], CdsFeedbackRow.MaxComment, "overrideReason.userComment", false, out var comment) is { } badComment)
        {
            return (null, badComment);
        }

        return (new CdsFeedbackRow
        {
            Id = Guid.NewGuid(), ServiceId = serviceId, Card = card!, CardKind = CdsCard.KindOf(card!), Outcome = outcome,
            OutcomeAt = at.ToUniversalTime(), ReceivedAt = now, AcceptedSuggestions = suggestions,
            ReasonSystem = system, ReasonCode = code, Comment = comment,
        }, null);
    }

    /// <summary>The accepted suggestions' ids, space-separated; required (non-empty) for an accepted outcome.</summary>
    private static (string? Ids, string? Problem) Suggestions(JsonNode? node, bool required)
    {
        if (node is null)
        {
            return required ? (null, "acceptedSuggestions: required for an accepted outcome (an array of {\"id\": ...}).") : (null, null);
        }

        if (node is not JsonArray { Count: > 0 and <= MaxAcceptedSuggestions } list)
        {
            return (null, $"acceptedSuggestions: an array of 1 to {MaxAcceptedSuggestions} objects with an id is required.");
        }

        var ids = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            if (Limited(list[i]?["id"], 100, $"acceptedSuggestions[{i}].id", true, out var id) is { } problem)
            {
                return (null, problem);
            }

            ids.Add(id!);
        }

        return (string.Join(' ', ids), null);
    }

    /// <summary>A string of at most <paramref name="max"/> characters; the problem when it is not one (or missing when required).</summary>
    private static string? Limited(JsonNode? node, int max, string path, bool required, out string? value)
    {
        value = null;
        if (node is null)
        {
            return required ? $"{path}: required." : null;
        }

        if (CdsEndpoints.Text(node) is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return $"{path}: a non-empty string is required.";
        }

        if (text.Length > max)
        {
            return $"{path}: {text.Length} characters; at most {max} are accepted.";
        }

        value = text;
        return null;
    }
}
