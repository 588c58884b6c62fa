using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Engine;

/// <summary>
/// Likelihood-ratio reasoning for each condition on its own: conditions are not mutually exclusive, so each
/// has its own posterior odds, prior odds times the likelihood ratios of the evidence that applies.
/// </summary>
public sealed class Differential(KnowledgeBase knowledge)
{
    public IReadOnlyList<ConditionResult> Rank(PatientCase input, IReadOnlyList<LabResult> labs, bool? inflammation, IReadOnlyList<MedicationClass> medications)
    {
        var results = new List<ConditionResult>(knowledge.Conditions.Count);
        foreach (var condition in knowledge.Conditions)
        {
            var evidence = new List<EvidenceItem>();
            foreach (var item in condition.Findings)
            {
                var lr = input.Answer(item.FindingId) switch
                {
                    true => item.Present,
                    false => item.Absent,
                    null => null,
                };
                if (lr is { } ratio)
                {
                    var label = knowledge.FindingsById[item.FindingId].Label;
                    evidence.Add(new EvidenceItem(EvidenceKind.Finding, item.FindingId, input.Answer(item.FindingId) == true ? label : "No: " + label, ratio, item.SourceId, item.Grade));
                }
            }

            foreach (var band in condition.Labs)
            {
                if (LabInterpreter.Value(labs, band.AnalyteId) is { } value && band.Contains(value) && Matches(band.Inflammation, inflammation))
                {
                    evidence.Add(new EvidenceItem(EvidenceKind.Lab, band.AnalyteId, BandLabel(band), band.Lr, band.SourceId, band.Grade));
                }
            }

            foreach (var medicationClass in medications)
            {
                foreach (var effect in medicationClass.Effects.Where(e => e.ConditionId == condition.Id))
                {
                    evidence.Add(new EvidenceItem(EvidenceKind.Medication, medicationClass.Id, medicationClass.Name, effect.Lr, effect.SourceId, effect.Grade));
                }
            }

            var odds = condition.Prior / (1 - condition.Prior);
            foreach (var item in evidence)
            {
                odds *= item.LikelihoodRatio;
            }

            var probability = double.IsPositiveInfinity(odds) ? 1 : odds / (1 + odds);
            results.Add(new ConditionResult(condition.Id, condition.Name, condition.Summary, condition.Prior, probability, condition.Triage, evidence));
        }

        return results
            .OrderByDescending(r => r.Probability)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static bool Matches(InflammationFilter filter, bool? inflammation) => filter switch
    {
        InflammationFilter.Present => inflammation == true,
        InflammationFilter.Absent => inflammation != true,
        _ => true,
    };

    private string BandLabel(LabEvidence band)
    {
        var analyte = knowledge.AnalytesById[band.AnalyteId];
        var unit = Labs.UnitText.Display(analyte.Canonical.Code);
        var range = (band.From, band.Below) switch
        {
            (null, { } below) => $"below {below} {unit}",
            ({ } from, null) => $"{from} {unit} or more",
            ({ } from, { } below) => $"{from} to under {below} {unit}",
            _ => "",
        };
        var inflammation = band.Inflammation switch
        {
            InflammationFilter.Present => " with inflammation",
            InflammationFilter.Absent => "",
            _ => "",
        };
        return $"{analyte.Name} {range}{inflammation}";
    }
}
