using System.Globalization;
using System.Text.Json.Nodes;

namespace Calfwise.Web.Tests.Cds;

/// <summary>FHIR resources and CDS Hooks requests for the tests, written as an EHR would send them.</summary>
public static class CdsRecords
{
    public const string PatientId = "pat-1";

    public static JsonObject Patient(string gender = "female", string birthDate = "1975-03-14") => new()
    {
        ["resourceType"] = "Patient", ["id"] = PatientId, ["gender"] = gender, ["birthDate"] = birthDate,
    };

    /// <summary>A completed procedure coded in SNOMED CT (73761001 is a colonoscopy).</summary>
    public static JsonObject Procedure(string snomed, DateTimeOffset when, string status = "completed") => new()
    {
        ["resourceType"] = "Procedure", ["id"] = "proc-" + snomed, ["status"] = status, ["code"] = Snomed(snomed),
        ["subject"] = new JsonObject { ["reference"] = "Patient/" + PatientId },
        ["performedDateTime"] = when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public static JsonObject Lab(string id, string loinc, decimal value, string unit, DateTimeOffset when) => new()
    {
        ["resourceType"] = "Observation", ["id"] = id, ["status"] = "final",
        ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = loinc }) },
        ["subject"] = new JsonObject { ["reference"] = "Patient/" + PatientId },
        ["effectiveDateTime"] = when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["valueQuantity"] = new JsonObject { ["value"] = value, ["unit"] = unit, ["system"] = "http://unitsofmeasure.org", ["code"] = unit },
    };

    public static JsonObject RestlessLegs() => new()
    {
        ["resourceType"] = "Condition", ["id"] = "rls",
        ["clinicalStatus"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/condition-clinical", ["code"] = "active" }) },
        ["code"] = Snomed("32914008"),
        ["subject"] = new JsonObject { ["reference"] = "Patient/" + PatientId },
    };

    public static JsonObject Order(string medicine, bool forRestlessLegs = false)
    {
        var order = new JsonObject
        {
            ["resourceType"] = "MedicationRequest", ["id"] = "draft-" + medicine.Split(' ')[0], ["status"] = "draft", ["intent"] = "order",
            ["medicationCodeableConcept"] = new JsonObject { ["text"] = medicine },
            ["subject"] = new JsonObject { ["reference"] = "Patient/" + PatientId },
        };
        if (forRestlessLegs)
        {
            order["reasonCode"] = new JsonArray(Snomed("32914008"));
        }

        return order;
    }

    /// <summary>A search result (FHIR has no empty arrays: no entry at all when nothing was found).</summary>
    public static JsonObject Bundle(params JsonObject[] resources)
    {
        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = resources.Length };
        if (resources.Length > 0)
        {
            bundle["entry"] = new JsonArray(resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r }).ToArray());
        }

        return bundle;
    }

    /// <summary>A request with full prefetch: the patient, its labs, no medications, the conditions and procedures.</summary>
    public static JsonObject Request(string hook, JsonObject[] labs, JsonObject[]? conditions = null, JsonObject[]? orders = null,
        JsonObject? patient = null, JsonObject[]? procedures = null)
    {
        var context = new JsonObject { ["userId"] = "Practitioner/dr-1", ["patientId"] = PatientId };
        if (orders is not null)
        {
            context["draftOrders"] = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = new JsonArray(orders.Select(o => (JsonNode)new JsonObject { ["resource"] = o }).ToArray()) };
            context["selections"] = new JsonArray(orders.Select(o => (JsonNode)JsonValue.Create("MedicationRequest/" + o["id"]!.GetValue<string>())).ToArray());
        }

        return new JsonObject
        {
            ["hook"] = hook, ["hookInstance"] = Guid.NewGuid().ToString(), ["context"] = context,
            ["prefetch"] = new JsonObject
            {
                ["patient"] = patient ?? Patient(),
                ["labs"] = Bundle(labs),
                ["medications"] = Bundle(),
                ["conditions"] = Bundle(conditions ?? []),
                ["procedures"] = Bundle(procedures ?? []),
            },
        };
    }

    private static JsonObject Snomed(string code) =>
        new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = code }) };
}
