using System.Globalization;
using System.Text.Json.Nodes;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using Calfwise.Fhir;
using Hl7.Fhir.Model;

namespace Calfwise.Web.Cds;

/// <summary>The cards of the order checks, worded from the knowledge base's thresholds and sources.</summary>
public static class CdsOrderCards
{
    public const string OverrideSystem = FhirSystems.CalfwiseBase + "/CodeSystem/cds-override-reason";

    /// <summary>Why a clinician may set a card aside: offered on every card that asks for an action.</summary>
    public static readonly IReadOnlyList<CdsCoding> OverrideReasons =
    [
        new(OverrideSystem, "checked-elsewhere", "Checked recently; the result is not in this record"),
        new(OverrideSystem, "clinical-judgement", "Benefit outweighs the risk for this patient"),
        new(OverrideSystem, "patient-declined", "Patient declined"),
    ];

    public static CdsCard IronBeforeDopamineAgonist(KnowledgeBase knowledge, CdsCase record, string medicine) =>
        IronStatus(knowledge, record, status => $"Restless legs: {status}; check iron before starting {medicine}.");

    /// <summary>Restless legs with iron status calling for action (no ferritin, or iron advised): the AASM 2024 card.</summary>
    public static CdsCard IronStatus(KnowledgeBase knowledge, CdsCase record, Func<string, string> summary)
    {
        var ferritinLimit = knowledge.Threshold("ferritin-rls-iron");
        var tsatLimit = knowledge.Threshold("tsat-rls-iron");
        var ferritin = record.Validated.Lab(ferritinLimit.AnalyteId);
        var tsat = record.Validated.Lab(tsatLimit.AnalyteId);
        var status = ferritin is null
            ? "ferritin is not on record"
            : $"ferritin is {Show(ferritin)}" + (tsat is null ? "" : $", TSAT {Show(tsat)}");
        var detail =
            $"The AASM 2024 guideline advises checking iron in restless legs and giving iron when ferritin is at or below " +
            $"{Number(ferritinLimit.Value)} ng/mL or transferrin saturation is below {Number(tsatLimit.Value)}%. Here {status}. " +
            $"Calfwise's iron plan for this record: {record.Assessment.Iron.Explanation}";
        return CdsCard.Of("rls-iron", summary(status), "warning", CdsSource.From(knowledge, ferritinLimit.SourceId)) with
        {
            Detail = detail,
            Suggestions =
            [
                new("Order ferritin and transferrin saturation", Guid.NewGuid().ToString(), true,
                [
                    OrderLab(knowledge, ferritinLimit.AnalyteId, record.PatientId),
                    OrderLab(knowledge, tsatLimit.AnalyteId, record.PatientId),
                ]),
            ],
            SelectionBehavior = "at-most-one",
            OverrideReasons = OverrideReasons,
        };
    }

    public static CdsCard RaisedPotassium(KnowledgeBase knowledge, ValidLab potassium, string medicine)
    {
        var limit = knowledge.Threshold("potassium-raised");
        var when = potassium.Date is { } date ? $" on {date:yyyy-MM-dd}" : "";
        return CdsCard.Of("raised-potassium", $"Potassium {Show(potassium)}{when}: {medicine} can raise potassium further.", "warning", CdsSource.From(knowledge, limit.SourceId)) with
        {
            Detail = $"The most recent potassium on record is at or above {Number(limit.Value)} mmol/L, which the UK Kidney Association " +
                     $"guideline treats as hyperkalaemia calling for a medicine review. {medicine} is in a class that can raise potassium.",
            OverrideReasons = OverrideReasons,
        };
    }

    /// <summary>A create action for a ServiceRequest of an analyte, coded with its preferred LOINC code.</summary>
    private static CdsAction OrderLab(KnowledgeBase knowledge, string analyteId, string? patientId)
    {
        var analyte = knowledge.AnalytesById[analyteId];
        var request = new ServiceRequest
        {
            Status = RequestStatus.Draft,
            Intent = RequestIntent.Proposal,
            Code = new CodeableConcept(Calfwise.Core.Knowledge.CodeSystem.Loinc.Uri(), analyte.Loinc, analyte.Name),
            Subject = new ResourceReference(patientId is null ? null : "Patient/" + patientId) { Display = patientId is null ? "the patient" : null },
        };
        return new CdsAction("create", $"Order {analyte.Name}", JsonNode.Parse(FhirJson.Write(request))!);
    }

    /// <summary>A value as the laboratory reported it.</summary>
    private static string Show(ValidLab lab) => $"{Number(lab.Reported.Value)} {lab.Reported.UnitDisplay}";

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
