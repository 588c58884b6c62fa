using System.Text.Json.Nodes;

namespace Calfwise.Web.Cds;

/// <summary>Dispatches a verified CDS Hooks request to its service.</summary>
public static class CdsServices
{
    public static bool Known(string id) => id is CdsDiscovery.PatientView or CdsDiscovery.OrderSelect or CdsDiscovery.OrderSign;

    public static IResult Answer(string id, JsonObject request, IServiceProvider services)
    {
        _ = services;
        var hook = request["hook"]?.GetValue<string>();
        var expected = id switch
        {
            CdsDiscovery.PatientView => "patient-view",
            CdsDiscovery.OrderSelect => "order-select",
            _ => "order-sign",
        };
        if (!string.Equals(hook, expected, StringComparison.Ordinal))
        {
            return CdsEndpoints.Problem(StatusCodes.Status400BadRequest, $"hook: '{id}' answers the '{expected}' hook, not '{hook}'.");
        }

        return Results.Json(new { cards = Array.Empty<object>() });
    }
}
