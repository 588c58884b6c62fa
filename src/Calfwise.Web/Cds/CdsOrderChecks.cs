using Calfwise.Core.Knowledge;
using Calfwise.Fhir;
using Hl7.Fhir.Model;

namespace Calfwise.Web.Cds;

/// <summary>
/// order-select and order-sign: a dopamine agonist for restless legs while iron status calls for action, and a
/// potassium-raising medicine with a raised potassium on record. Thresholds come from the knowledge base.
/// </summary>
public sealed class CdsOrderChecks(KnowledgeBase knowledge, TimeProvider time)
{
    public const string DopamineAgonist = "dopamine-agonist";

    /// <summary>The medicine classes that raise potassium (ukka-2023-k): those the knowledge's potassium review names.</summary>
    private readonly IReadOnlySet<string> _potassiumRaising = knowledge.MedicationClassesNamedBy(KnowledgeBase.PotassiumReviewId);

    /// <summary>
    /// The iron plans that mean "act before relying on a dopamine agonist": test first (no ferritin), or iron (ferritin
    /// at or below ferritin-rls-iron, TSAT below tsat-rls-iron, or the IV-only band up to ferritin-rls-iv-max).
    /// </summary>
    private static readonly HashSet<IronPlan> IronAction = [IronPlan.TestFirst, IronPlan.OralOrIv, IronPlan.IvOnly, IronPlan.IvDialysis];

    /// <summary>Whether the iron plan for the record is to test or to give iron.</summary>
    public static bool IronCallsForAction(CdsCase record) => IronAction.Contains(record.Assessment.Iron.Plan);

    public IReadOnlyList<CdsCard> Check(CdsCase record, IReadOnlyList<MedicationRequest> drafts)
    {
        var cards = new List<CdsCard>();
        foreach (var draft in drafts)
        {
            var (name, classes) = Classify(record, draft);
            if (name is null)
            {
                continue;
            }

            if (classes.Contains(DopamineAgonist) && IronCallsForAction(record) && record.HasRestlessLegs(knowledge, draft.ReasonCode))
            {
                cards.Add(CdsOrderCards.IronBeforeDopamineAgonist(knowledge, record, name));
            }

            if (classes.Overlaps(_potassiumRaising) && record.Validated.Lab("potassium") is { } potassium &&
                potassium.Canonical.Value >= knowledge.Threshold("potassium-raised").Value)
            {
                cards.Add(CdsOrderCards.RaisedPotassium(knowledge, potassium, name));
            }
        }

        return cards;
    }

    /// <summary>
    /// The medicine of a draft order as the FHIR reader reads it (name, ATC code or a referenced Medication), with its
    /// classes: the draft is read as if active beside the record's Patient.
    /// </summary>
    private (string? Name, HashSet<string> Classes) Classify(CdsCase record, MedicationRequest draft)
    {
        var patient = record.Entries.First(e => e.Resource is Patient);
        var active = (MedicationRequest)draft.DeepCopy();
        active.Status = MedicationRequest.MedicationrequestStatus.Active;
        var medications = record.Entries.Where(e => e.Resource is Medication);
        var read = CdsCase.Validate([patient, new FhirEntry(active, "draftOrders/" + (draft.Id ?? "MedicationRequest")), .. medications], knowledge, time);
        if (!read.IsSuccess || read.Value.Case.Input.Medications.Count == 0)
        {
            return (null, []);
        }

        return (read.Value.Case.Input.Medications[0], read.Value.Case.MedicationClasses.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));
    }
}
