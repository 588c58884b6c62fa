using System.Collections.Frozen;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;

namespace Calfwise.Core.Engine;

/// <summary>Reads each lab, converted to its canonical unit when the case was validated, against the range for the person's sex, age and pregnancy.</summary>
/// <remarks>
/// Transferrin saturation is derived from iron and TIBC when not given. With inflammation (CRP above
/// <c>crp-inflammation</c>), ferritin below <c>ferritin-deficiency-inflamed</c> reads low (WHO 2020).
/// </remarks>
public sealed class LabInterpreter(KnowledgeBase knowledge)
{
    /// <summary>How each unit code of the knowledge base is shown, made once (<see cref="UnitText.Display"/> makes a new string for a µ unit).</summary>
    private readonly FrozenDictionary<string, string> _displays = knowledge.Analytes
        .SelectMany(a => a.AllUnits)
        .Select(u => u.Code)
        .Distinct(StringComparer.Ordinal)
        .ToFrozenDictionary(code => code, UnitText.Display, StringComparer.Ordinal);

    /// <summary>The note of a ferritin within the range but at or below the restless legs target: the same words for every case, made on first use.</summary>
    private readonly CultureSlots<string> _belowRlsTarget = new(1);

    /// <summary>The labs of a validated case (already in canonical units), with transferrin saturation derived when possible.</summary>
    public IReadOnlyList<LabResult> Interpret(ValidatedCase input)
    {
        var labs = input.Labs;
        var results = new List<LabResult>(labs.Count + 1);
        for (var i = 0; i < labs.Count; i++)
        {
            var lab = labs[i];
            results.Add(Read(lab.Analyte, lab.Reported.Value, lab.Reported.Ucum, lab.Canonical.Value, input, derived: false, note: null));
        }

        if (DeriveTransferrinSaturation(results, input) is { } tsat)
        {
            results.Add(tsat);
        }

        return NoteKidneyFunction(NoteFerritinBelowRlsTarget(AdjustFerritinForInflammation(results, input), input), input);
    }

    public static decimal? Value(IReadOnlyList<LabResult> labs, string analyte)
    {
        for (var i = 0; i < labs.Count; i++)
        {
            if (labs[i].Analyte == analyte)
            {
                return labs[i].CanonicalValue;
            }
        }

        return null;
    }

    private LabResult? DeriveTransferrinSaturation(List<LabResult> results, ValidatedCase input)
    {
        if (Value(results, AnalyteIds.TransferrinSaturation) is not null
            || Value(results, AnalyteIds.Iron) is not { } iron
            || Value(results, AnalyteIds.Tibc) is not { } tibc
            || tibc == 0
            || iron > tibc)
        {
            return null;
        }

        var analyte = knowledge.AnalytesById[AnalyteIds.TransferrinSaturation];
        var percent = iron / tibc * 100m;
        return Read(analyte, decimal.Round(percent, 1), analyte.Canonical.Code, percent, input, derived: true, note: "Calculated as serum iron / TIBC × 100.");
    }

    // The three notes below change a result in place: each reads only the lab it changes.
    private List<LabResult> AdjustFerritinForInflammation(List<LabResult> results, ValidatedCase input)
    {
        if (input.Inflammation != true)
        {
            return results;
        }

        var inflamedLimit = knowledge.Threshold(input.Age < 5 ? "ferritin-deficiency-inflamed-child" : "ferritin-deficiency-inflamed");
        for (var i = 0; i < results.Count; i++)
        {
            var lab = results[i];
            if (lab.Analyte == AnalyteIds.Ferritin && lab.Status is LabStatus.Normal or LabStatus.High && lab.CanonicalValue < inflamedLimit.Value)
            {
                results[i] = lab with
                {
                    Status = LabStatus.Low,
                    Low = inflamedLimit.Value,
                    RangeSource = inflamedLimit.SourceId,
                    Note = $"Inflammation (raised CRP) lifts ferritin, so below {inflamedLimit.Value} it still points to low iron stores.",
                };
            }
        }

        return results;
    }

    private List<LabResult> NoteKidneyFunction(List<LabResult> results, ValidatedCase input)
    {
        for (var i = 0; i < results.Count; i++)
        {
            var lab = results[i];
            if (lab.Analyte != AnalyteIds.Creatinine
                || KidneyFunction.Egfr(knowledge.AnalytesById[AnalyteIds.Creatinine], lab.CanonicalValue, input.Sex, input.Age) is not { } egfr)
            {
                continue;
            }

            var reading = egfr < KidneyFunction.ChronicKidneyDiseaseBelow
                ? $" Below {KidneyFunction.ChronicKidneyDiseaseBelow} for three months or more means chronic kidney disease, which can cause restless legs and cramps."
                : "";
            results[i] = lab with { Note = $"Estimated kidney filtration (eGFR, CKD-EPI 2021): {Math.Round(egfr):0} mL/min/1.73 m².{reading} [{KidneyFunction.SourceId}]" };
        }

        return results;
    }

    /// <summary>A ferritin inside the general range can still be low for restless legs (aasm-2024-rls).</summary>
    private List<LabResult> NoteFerritinBelowRlsTarget(List<LabResult> results, ValidatedCase input)
    {
        if (input.Age < IronPlanner.AdultAge)
        {
            return results;
        }

        var target = knowledge.Threshold("ferritin-rls-iron");
        var note = _belowRlsTarget.Current;
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i] is { Analyte: AnalyteIds.Ferritin, Status: LabStatus.Normal, Note: null } lab && lab.CanonicalValue <= target.Value)
            {
                results[i] = lab with { Note = note[0] ??= $"Within the general range, but at or below {target.Value} ng/mL, where the restless legs guidelines advise iron if you have restless legs [{target.SourceId}]." };
            }
        }

        return results;
    }

    private LabResult Read(Analyte analyte, decimal value, string unitCode, decimal canonical, ValidatedCase input, bool derived, string? note)
    {
        // The most specific range row that applies, for each side (the first of equals, as MaxBy would pick).
        ReferenceRange? lowRow = null;
        ReferenceRange? highRow = null;
        var ranges = analyte.Ranges;
        for (var i = 0; i < ranges.Count; i++)
        {
            var row = ranges[i];
            if (!row.AppliesTo(input.Sex, input.Age, input.IsPregnant, input.Trimester))
            {
                continue;
            }

            if (row.Low is not null && (lowRow is null || row.Specificity > lowRow.Specificity))
            {
                lowRow = row;
            }

            if (row.High is not null && (highRow is null || row.Specificity > highRow.Specificity))
            {
                highRow = row;
            }
        }

        var critical = false;
        var limits = analyte.Critical;
        for (var i = 0; i < limits.Count; i++)
        {
            if (limits[i].MarksCritical && limits[i].IsCrossedBy(canonical, input.IsPregnant))
            {
                critical = true;
                break;
            }
        }

        var status = critical ? LabStatus.Critical
            : lowRow?.Low is { } low && canonical < low ? LabStatus.Low
            : highRow?.High is { } high && canonical > high ? LabStatus.High
            : lowRow is null && highRow is null ? LabStatus.Unranged
            : LabStatus.Normal;
        var source = (status == LabStatus.High ? highRow : lowRow ?? highRow)?.SourceId;
        return new LabResult(
            analyte.Id,
            analyte.Name,
            analyte.Loinc,
            value,
            Display(unitCode),
            RoundCanonical(canonical),
            Display(analyte.Canonical.Code),
            status,
            lowRow?.Low,
            highRow?.High,
            source,
            derived,
            note);
    }

    private string Display(string unitCode) => _displays.TryGetValue(unitCode, out var shown) ? shown : UnitText.Display(unitCode);

    /// <summary>Exact decimal conversion can carry 28 digits; keep enough to round-trip any lab's precision.</summary>
    private static decimal RoundCanonical(decimal value) => decimal.Round(value, 6);
}
