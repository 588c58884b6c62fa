using System.Text.Json.Serialization;
using Calfwise.Core.Knowledge;

namespace Calfwise.Web.Cds;

/// <summary>One service of the discovery response (CDS Hooks 2.0: hook, id, title, description, prefetch).</summary>
public sealed record CdsServiceDescription(
    [property: JsonPropertyName("hook")] string Hook,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("prefetch")] IReadOnlyDictionary<string, string> Prefetch);

/// <summary>The body of <c>GET /cds-services</c>.</summary>
public sealed record CdsDiscoveryResponse([property: JsonPropertyName("services")] IReadOnlyList<CdsServiceDescription> Services);

/// <summary>The services Calfwise offers and the data each asks the EHR to prefetch.</summary>
public static class CdsDiscovery
{
    public const string PatientView = "calfwise-patient-view";
    public const string OrderSelect = "calfwise-order-select";
    public const string OrderSign = "calfwise-order-sign";

    public static CdsDiscoveryResponse Describe(KnowledgeBase knowledge)
    {
        var prefetch = Prefetch(knowledge);
        return new CdsDiscoveryResponse(
        [
            new("patient-view", PatientView, "Calfwise: calf twitching and restless legs",
                "Cards when a red flag fires from the recorded labs, conditions and medicines, when restless legs and iron status call for action, or when iron loss needs its cause found and no GI work-up is on record.", prefetch),
            new("order-select", OrderSelect, "Calfwise: checks on a medicine being chosen",
                "Warns when a dopamine agonist for restless legs is chosen with iron status unknown or low, or a potassium-raising medicine with a raised potassium.", prefetch),
            new("order-sign", OrderSign, "Calfwise: checks on a medicine being signed",
                "The same checks as order-select, at signing.", prefetch),
        ]);
    }

    /// <summary>Prefetch templates: the patient, recent labs by LOINC, active medications and conditions, completed procedures.</summary>
    public static IReadOnlyDictionary<string, string> Prefetch(KnowledgeBase knowledge)
    {
        // Every LOINC code the knowledge base binds to an analyte.
        var loinc = knowledge.Codes.Bindings
            .Where(b => b.Target == CodeTarget.Analyte && b.System == CodeSystem.Loinc)
            .Select(b => CodeSystem.Loinc.Uri() + "|" + b.Code)
            .Distinct(StringComparer.Ordinal);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["patient"] = "Patient/{{context.patientId}}",
            ["labs"] = "Observation?patient={{context.patientId}}&category=laboratory&code=" + string.Join(",", loinc) + "&_sort=-date",
            ["medications"] = "MedicationRequest?patient={{context.patientId}}&status=active",
            ["conditions"] = "Condition?patient={{context.patientId}}&clinical-status=active",
            ["procedures"] = "Procedure?patient={{context.patientId}}&status=completed",
        };
    }
}
