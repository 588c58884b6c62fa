using Calfwise.Core.Knowledge;
using Hl7.Fhir.Model;

namespace Calfwise.Web.Cds;

/// <summary>
/// patient-view: iron loss the engine says needs its cause found (<c>investigate-blood-loss</c>: iron-deficiency
/// anaemia in a man, a woman of 50 or over or with gut symptoms, or black or bloody stools; AGA 2020, BSG 2021) while
/// the record holds no completed colonoscopy or upper GI endoscopy. Who qualifies is the engine's decision, read
/// from the assessment; this class only adds what the engine cannot see: the procedures on record.
/// </summary>
public static class CdsGiWorkUp
{
    /// <summary>The recommendation of recommendations.yaml whose firing the card reports.</summary>
    public const string Recommendation = "investigate-blood-loss";

    /// <summary>The procedure kind of codes.yaml that counts as the work-up.</summary>
    public const string Investigation = "gi-investigation";

    /// <summary>The card, or null when the engine did not advise the work-up or one is already on record.</summary>
    public static CdsCard? Card(KnowledgeBase knowledge, CdsCase record)
    {
        var advice = record.Assessment.Recommendations.FirstOrDefault(r => r.Id == Recommendation);
        if (advice is null || HasInvestigation(knowledge, record))
        {
            return null;
        }

        var sources = advice.Sources.Where(s => knowledge.Sources.ContainsKey(s.Id)).Select(s => CdsSource.From(knowledge, s.Id)).ToList();
        return CdsCard.Of("gi-workup", "Iron loss to explain: no colonoscopy or upper GI endoscopy on record.", "warning", sources[0]) with
        {
            Detail = "Calfwise's assessment of this record advises finding the cause of the iron loss (" + advice.Title + "). " +
                     "The AGA 2020 and BSG 2021 guidelines advise examining both the upper and the lower gut (usually " +
                     "gastroscopy and colonoscopy) and testing for coeliac disease in men and postmenopausal women with " +
                     "iron-deficiency anaemia, and iron treatment meanwhile. No completed colonoscopy or upper GI endoscopy " +
                     "is on this record.",
            Links = sources.Skip(1).Select(s => new CdsLink(s.Label, s.Url, "absolute")).ToList() is { Count: > 0 } links ? links : null,
            OverrideReasons = CdsOrderCards.OverrideReasons,
        };
    }

    /// <summary>Whether the record holds a completed Procedure coded as a colonoscopy or an upper GI endoscopy, at any date.</summary>
    public static bool HasInvestigation(KnowledgeBase knowledge, CdsCase record) =>
        record.Entries.Select(e => e.Resource).OfType<Procedure>()
            .Where(p => p.Status == EventStatus.Completed)
            .SelectMany(p => p.Code?.Coding ?? [])
            .Any(coding => CodeSystems.FromUri(coding.System) is { } system && coding.Code is { } code &&
                           knowledge.Codes.Procedures(system, code).Contains(Investigation));
}
