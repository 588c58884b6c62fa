using System.Collections.Frozen;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Engine;

/// <summary>
/// Likelihood-ratio reasoning for each condition on its own: conditions are not mutually exclusive, so each
/// has its own posterior odds, prior odds times the likelihood ratios of the evidence that applies.
/// </summary>
/// <remarks>
/// The evidence items are built once per knowledge base and shared by every assessment: the interview ranks many what-if
/// cases, and the API encodes each item once (Contracts/SharedParts.cs).
/// </remarks>
public sealed class Differential
{
    private readonly KnowledgeBase _knowledge;
    private readonly ConditionPlan[] _plans;

    // Each finding any condition weighs gets a slot, so ranking reads a case's answers once (a few dozen lookups)
    // instead of once per condition and finding (several hundred).
    private readonly FrozenDictionary<string, int> _slots;

    // The same for each analyte any condition weighs: a case's lab values are read once, not once per band.
    private readonly FrozenDictionary<string, int> _analyteSlots;

    public Differential(KnowledgeBase knowledge)
    {
        _knowledge = knowledge;
        _slots = Slots(knowledge.Conditions.SelectMany(c => c.Findings).Select(f => f.FindingId));
        _analyteSlots = Slots(knowledge.Conditions.SelectMany(c => c.Labs).Select(band => band.AnalyteId));
        _plans = knowledge.Conditions.Select(condition => new ConditionPlan(
            condition,
            condition.Findings.Select(f => new FindingPlan(
                _slots[f.FindingId],
                Moves(f.Present) ? new EvidenceItem(EvidenceKind.Finding, f.FindingId, knowledge.FindingsById[f.FindingId].Label, f.Present!.Value, f.SourceId, f.Grade) : null,
                Moves(f.Absent) ? new EvidenceItem(EvidenceKind.Finding, f.FindingId, "No: " + knowledge.FindingsById[f.FindingId].Label, f.Absent!.Value, f.SourceId, f.Grade) : null)).ToArray(),
            condition.Labs
                .Where(band => Moves(band.Lr))
                .Select(band => new LabPlan(band, _analyteSlots[band.AnalyteId], new EvidenceItem(EvidenceKind.Lab, band.AnalyteId, BandLabel(knowledge, band), band.Lr, band.SourceId, band.Grade)))
                .ToArray(),
            knowledge.MedicationClasses
                .SelectMany(c => c.Effects.Where(e => e.ConditionId == condition.Id && Moves(e.Lr)).Select(e => (c, new EvidenceItem(EvidenceKind.Medication, c.Id, c.Name, e.Lr, e.SourceId, e.Grade))))
                .ToArray(),
            Result(condition, []))).ToArray();

        // Ranked by the results without evidence, the results of a case are nearly in order already: most conditions
        // keep their prior, so sorting them moves few.
        Array.Sort(_plans, static (a, b) => Order(a.Unmoved, b.Unmoved));
    }

    /// <exception cref="ArgumentException">The case was validated against another knowledge base (its medicine classes are another knowledge's objects).</exception>
    public IReadOnlyList<ConditionResult> Rank(ValidatedCase input, IReadOnlyList<LabResult> labs)
    {
        if (!ReferenceEquals(input.Knowledge, _knowledge))
        {
            throw new ArgumentException("The case was validated against another knowledge base than this differential's.", nameof(input));
        }

        var inflammation = input.Inflammation;
        var medications = input.MedicationClasses;
        var results = new List<ConditionResult>(_plans.Length);
        var evidence = new List<EvidenceItem>();
        Span<sbyte> answers = stackalloc sbyte[_slots.Count]; // 0 unknown, 1 yes, -1 no
        Answers(input.Findings, answers);

        Span<decimal?> values = stackalloc decimal?[_analyteSlots.Count];
        for (var i = labs.Count - 1; i >= 0; i--) // backwards, so the first result of an analyte wins (LabInterpreter.Value)
        {
            if (_analyteSlots.TryGetValue(labs[i].Analyte, out var slot))
            {
                values[slot] = labs[i].CanonicalValue;
            }
        }

        foreach (var plan in _plans)
        {
            var condition = plan.Condition;
            evidence.Clear();
            foreach (var finding in plan.Findings)
            {
                switch (answers[finding.Slot])
                {
                    case 1 when finding.Yes is { } yes:
                        evidence.Add(yes);
                        break;
                    case -1 when finding.No is { } no:
                        evidence.Add(no);
                        break;
                }
            }

            foreach (var lab in plan.Labs)
            {
                if (values[lab.Slot] is { } value && lab.Band.Contains(value) && Matches(lab.Band.Inflammation, inflammation))
                {
                    evidence.Add(lab.Item);
                }
            }

            foreach (var (medicationClass, item) in plan.Medications)
            {
                if (Takes(medications, medicationClass))
                {
                    evidence.Add(item);
                }
            }

            // Without evidence the result is the prior's, the same for every case: made once and shared.
            results.Add(evidence.Count == 0 ? plan.Unmoved : Result(condition, evidence.ToArray()));
        }

        // An insertion sort: the order is total (ids are unique), so any sort gives this one, and this one is quick on
        // results that are nearly in order.
        for (var i = 1; i < results.Count; i++)
        {
            var result = results[i];
            var j = i - 1;
            for (; j >= 0 && Order(results[j], result) > 0; j--)
            {
                results[j + 1] = results[j];
            }

            results[j + 1] = result;
        }

        return results;
    }

    /// <summary>The differential's order: the most probable first, then by id.</summary>
    private static int Order(ConditionResult a, ConditionResult b) =>
        b.Probability.CompareTo(a.Probability) is var order and not 0 ? order : string.CompareOrdinal(a.Id, b.Id);

    private static ConditionResult Result(Condition condition, EvidenceItem[] evidence)
    {
        var odds = condition.Prior / (1 - condition.Prior);
        foreach (var item in evidence)
        {
            odds *= item.LikelihoodRatio;
        }

        var probability = double.IsPositiveInfinity(odds) ? 1 : odds / (1 + odds);
        return new ConditionResult(condition.Id, condition.Name, condition.Summary, condition.Prior, probability, condition.Triage, evidence);
    }

    /// <summary>Each answered finding any condition weighs, in its slot (a dictionary's answers read without an enumerator object).</summary>
    private void Answers(IReadOnlyDictionary<string, bool> findings, Span<sbyte> answers)
    {
        if (findings.Count == 0)
        {
            return;
        }

        if (findings is Dictionary<string, bool> dictionary)
        {
            foreach (var (findingId, answer) in dictionary)
            {
                Answer(findingId, answer, answers);
            }

            return;
        }

        foreach (var (findingId, answer) in findings)
        {
            Answer(findingId, answer, answers);
        }
    }

    private void Answer(string findingId, bool answer, Span<sbyte> answers)
    {
        if (_slots.TryGetValue(findingId, out var slot))
        {
            answers[slot] = answer ? (sbyte)1 : (sbyte)-1;
        }
    }

    /// <summary>A slot for each id, numbered from 0 in first-seen order.</summary>
    private static FrozenDictionary<string, int> Slots(IEnumerable<string> ids) =>
        ids.Distinct(StringComparer.Ordinal).Select((id, slot) => (id, slot)).ToFrozenDictionary(p => p.id, p => p.slot, StringComparer.Ordinal);

    /// <summary>Whether the case's classes hold this one (both are the knowledge base's own objects).</summary>
    private static bool Takes(IReadOnlyList<MedicationClass> classes, MedicationClass medicationClass)
    {
        for (var i = 0; i < classes.Count; i++)
        {
            if (ReferenceEquals(classes[i], medicationClass))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A ratio of 1 moves nothing, so it is never shown as evidence.</summary>
    private static bool Moves(double? likelihoodRatio) => likelihoodRatio is { } ratio && ratio != 1;

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

    /// <summary>The evidence a finding gives when answered yes or no (null when the answer moves nothing).</summary>
    private sealed record FindingPlan(int Slot, EvidenceItem? Yes, EvidenceItem? No);

    /// <summary>A lab band with the slot of its analyte's value and the evidence it gives.</summary>
    private sealed record LabPlan(LabEvidence Band, int Slot, EvidenceItem Item);

    /// <summary>A condition with its evidence made once: every assessment shares the same immutable items, and the result without evidence.</summary>
    private sealed record ConditionPlan(
        Condition Condition,
        FindingPlan[] Findings,
        LabPlan[] Labs,
        (MedicationClass Class, EvidenceItem Item)[] Medications,
        ConditionResult Unmoved);
}
