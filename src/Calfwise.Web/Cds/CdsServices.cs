using System.Text.Json.Nodes;
using Calfwise.Core.Knowledge;
using Calfwise.Fhir;
using Hl7.Fhir.Model;

namespace Calfwise.Web.Cds;

/// <summary>Answers a verified CDS Hooks request: reads the record (prefetch or fhirServer) and gives the service's cards.</summary>
public sealed class CdsServices(KnowledgeBase knowledge, TimeProvider time, CdsRecord records)
{
    public static bool Known(string id) => Hook(id) is not null;

    /// <summary>The hook a service answers.</summary>
    public static string? Hook(string id) => id switch
    {
        CdsDiscovery.PatientView => "patient-view",
        CdsDiscovery.OrderSelect => "order-select",
        CdsDiscovery.OrderSign => "order-sign",
        _ => null,
    };

    /// <summary>order-select names the orders just chosen in context.selections; only those are checked (all when absent).</summary>
    private static Func<MedicationRequest, bool> Selected(JsonObject context)
    {
        if (context["selections"] is not JsonArray { Count: > 0 } selections)
        {
            return _ => true;
        }

        var chosen = selections.Select(CdsEndpoints.Text).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return order => chosen.Contains("MedicationRequest/" + order.Id);
    }

    public async Task<IResult> AnswerAsync(string id, JsonObject request, CancellationToken cancel)
    {
        var expected = Hook(id)!;
        var hook = CdsEndpoints.Text(request["hook"]);
        if (!string.Equals(hook, expected, StringComparison.Ordinal))
        {
            return CdsEndpoints.Problem(StatusCodes.Status400BadRequest, $"hook: '{id}' answers the '{expected}' hook, not '{hook}'.");
        }

        if (request["hookInstance"] is not JsonValue || request["context"] is not JsonObject context)
        {
            return CdsEndpoints.Problem(StatusCodes.Status400BadRequest, "hookInstance and context are required.");
        }

        List<MedicationRequest> drafts = [];
        if (expected != "patient-view")
        {
            if (context["draftOrders"] is not JsonObject draftOrders || FhirJson.Read(draftOrders.ToJsonString()) is not { IsSuccess: true } orders)
            {
                return CdsEndpoints.Problem(StatusCodes.Status400BadRequest, "context.draftOrders: a FHIR Bundle of the draft orders is required.");
            }

            drafts = orders.Value!.Entries.Select(e => e.Resource).OfType<MedicationRequest>().Where(Selected(context)).ToList();
            if (drafts.Count == 0)
            {
                // Nothing Calfwise checks is being ordered: no need for the record.
                return Results.Json(new CdsResponse([]));
            }
        }

        var (entries, failure) = await records.ReadAsync(request, CdsDiscovery.Prefetch(knowledge), cancel).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var record = CdsCase.From(entries!, knowledge, time);
        if (!record.IsSuccess)
        {
            return CdsRecord.Refused(record.Errors);
        }

        var cards = expected == "patient-view"
            ? CdsPatientView.Cards(knowledge, record.Value!)
            : new CdsOrderChecks(knowledge, time).Check(record.Value!, drafts);
        return Results.Json(new CdsResponse(cards));
    }
}
