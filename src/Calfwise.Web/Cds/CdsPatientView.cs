using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Web.Cds;

/// <summary>
/// patient-view: a card per red flag that fired on the record, one when restless legs and iron status call for action,
/// and one when iron loss needs its cause found and no GI work-up is on record.
/// </summary>
public static class CdsPatientView
{
    public static IReadOnlyList<CdsCard> Cards(KnowledgeBase knowledge, CdsCase record)
    {
        var cards = record.Assessment.RedFlags.OrderByDescending(flag => flag.Level).Select(flag => RedFlag(knowledge, record, flag)).ToList();
        if (CdsOrderChecks.IronCallsForAction(record) && record.HasRestlessLegs(knowledge, []))
        {
            cards.Add(CdsOrderCards.IronStatus(knowledge, record, status => $"Restless legs on record: {status}; iron status calls for action."));
        }

        if (CdsGiWorkUp.Card(knowledge, record) is { } workUp)
        {
            cards.Add(workUp);
        }

        return cards;
    }

    /// <summary>The triage level as an indicator: emergency is critical, urgent a warning, anything lower information.</summary>
    public static string Indicator(TriageLevel level) => level switch
    {
        >= TriageLevel.Emergency => "critical",
        TriageLevel.Urgent => "warning",
        _ => "info",
    };

    private static CdsCard RedFlag(KnowledgeBase knowledge, CdsCase record, FiredRedFlag flag)
    {
        var source = flag.Sources.Count > 0 && knowledge.Sources.ContainsKey(flag.Sources[0])
            ? CdsSource.From(knowledge, flag.Sources[0])
            : new CdsSource("Calfwise", Fhir.FhirSystems.CalfwiseBase);
        return CdsCard.Of("red-flag-" + flag.Id, $"Red flag ({flag.Level}): {flag.Text}", Indicator(flag.Level), source) with
        {
            Detail = $"{flag.Text}\n\n{record.Assessment.Triage.Advice}\n\n{record.Assessment.Disclaimer}",
        };
    }
}
