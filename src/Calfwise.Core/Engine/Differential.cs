using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Engine;

/// <summary>
/// Likelihood-ratio reasoning for each condition on its own: conditions are not mutually exclusive, so each
/// has its own posterior odds, prior odds times the likelihood ratios of the evidence that applies.
/// </summary>
/// <remarks>Labels and lookups are built once per knowledge base: the interview ranks many what-if cases.</remarks>
public sealed class Differential
{
    private readonly ConditionPlan[] _plans;

    public Differential(KnowledgeBase knowledge)
    {
        _plans = knowledge.Conditions.Select(condition => new ConditionPlan(
            condition,
            condition.Findings.Select(f => new FindingPlan(f, knowledge.FindingsById[f.FindingId].Label, "No: " + knowledge.FindingsById[f.FindingId].Label)).ToArray(),
            condition.Labs.Select(band => (band, BandLabel(knowledge, band))).ToArray(),
            knowledge.MedicationClasses
                .SelectMany(c => c.Effects.Where(e => e.ConditionId == condition.Id).Select(e => (Class: c, Effect: e)))
                .ToArray())).ToArray();
    }

    public IReadOnlyList<ConditionResult> Rank(ValidatedCase input, IReadOnlyList<LabResult> labs)
    {
        var inflammation = input.Inflammation;
        var medications = input.MedicationClasses;
        var values = labs.ToDictionary(l => l.Analyte, l => l.CanonicalValue, StringComparer.Ordinal);
        var results = new List<ConditionResult>(_plans.Length);
        foreach (var plan in _plans)
        {
            var condition = plan.Condition;
            var evidence = new List<EvidenceItem>();
            foreach (var finding in plan.Findings)
            {
                var item = finding.Evidence;
                switch (input.Answer(item.FindingId))
                {
                    case true when item.Present is { } present:
                        evidence.Add(new EvidenceItem(EvidenceKind.Finding, item.FindingId, finding.YesLabel, present, item.SourceId, item.Grade));
                        break;
                    case false when item.Absent is { } absent:
                        evidence.Add(new EvidenceItem(EvidenceKind.Finding, item.FindingId, finding.NoLabel, absent, item.SourceId, item.Grade));
                        break;
                }
            }

            foreach (var (band, label) in plan.Labs)
            {
                if (values.TryGetValue(band.AnalyteId, out var value) && band.Contains(value) && Matches(band.Inflammation, inflammation))
                {
                    evidence.Add(new EvidenceItem(EvidenceKind.Lab, band.AnalyteId, label, band.Lr, band.SourceId, band.Grade));
                }
            }

            foreach (var (medicationClass, effect) in plan.Medications)
            {
                if (medications.Contains(medicationClass))
                {
                    evidence.Add(new EvidenceItem(EvidenceKind.Medication, medicationClass.Id, medicationClass.Name, effect.Lr, effect.SourceId, effect.Grade));
                }
            }

            // A ratio of 1 moves nothing, so it is not shown as evidence.
            evidence.RemoveAll(static item => item.LikelihoodRatio == 1);
            var odds = condition.Prior / (1 - condition.Prior);
            foreach (var item in evidence)
            {
                odds *= item.LikelihoodRatio;
            }

            var probability = double.IsPositiveInfinity(odds) ? 1 : odds / (1 + odds);
            results.Add(new ConditionResult(condition.Id, condition.Name, condition.Summary, condition.Prior, probability, condition.Triage, evidence));
        }

        results.Sort(static (a, b) => b.Probability.CompareTo(a.Probability) is var order and not 0 ? order : string.CompareOrdinal(a.Id, b.Id));
        return results;
    }

    private static bool Matches(InflammationFilter filter, bool? inflammation) => filter switch
    {
        InflammationFilter.Present => inflammation == true,
        InflammationFilter.Absent => inflammation != true,
        _ => true,
    };

    private static string BandLabel(KnowledgeBase knowledge, LabEvidence band)
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
        return $"{analyte.Name} {range}{(band.Inflammation == InflammationFilter.Present ? " with inflammation" : "")}";
    }

    private sealed record FindingPlan(FindingEvidence Evidence, string YesLabel, string NoLabel);

    private sealed record ConditionPlan(
        Condition Condition,
        FindingPlan[] Findings,
        (LabEvidence Band, string Label)[] Labs,
        (MedicationClass Class, MedicationEffect Effect)[] Medications);
}
