using System.Text.Json.Nodes;
using static Calfwise.Web.Tests.Cds.CdsSpec;

namespace Calfwise.Web.Tests.Cds;

/// <summary>The specification's rules for a card's links.</summary>
public static class CdsSpecLinks
{
    public static void Check(JsonObject card, List<string> problems)
    {
        if (card["links"] is not { } node)
        {
            return;
        }

        if (node is not JsonArray links)
        {
            problems.Add("links must be an array");
            return;
        }

        for (var i = 0; i < links.Count; i++)
        {
            var path = $"links[{i}]";
            if (links[i] is not JsonObject link)
            {
                problems.Add($"{path} must be an object");
                continue;
            }

            // label, REQUIRED: "Human-readable label to display for this link".
            if (Text(link["label"]) is null)
            {
                problems.Add($"{path}.label is required");
            }

            // url, REQUIRED: "URL to load (via GET, in a browser context) when a user clicks on this link."
            // type, REQUIRED: "A type of absolute indicates that the URL is absolute and should be treated as-is. A
            // type of smart indicates that the URL is a SMART app launch URL".
            Require(link, "type", ["absolute", "smart"], problems, path + ".type");
            if (!IsAbsoluteUrl(Text(link["url"])))
            {
                problems.Add($"{path}.url is required (an absolute URL)");
            }

            // appContext, OPTIONAL: "should only be valued if the link type is smart and is not valid for absolute links."
            if (link["appContext"] is not null && Text(link["type"]) != "smart")
            {
                problems.Add($"{path}.appContext is only valid on smart links");
            }
        }
    }
}
