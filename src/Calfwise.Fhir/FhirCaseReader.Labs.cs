using System.Globalization;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using Hl7.Fhir.Model;
using CodeSystem = Calfwise.Core.Knowledge.CodeSystem;

namespace Calfwise.Fhir;

/// <summary>A lab result read from an Observation, before the most recent of each analyte is chosen.</summary>
internal sealed record LabCandidate(LabInput Lab, DateOnly Date, string Reference, int Order);

public sealed partial class FhirCaseReader
{
    private static readonly ObservationStatus[] Usable = [ObservationStatus.Final, ObservationStatus.Amended, ObservationStatus.Corrected, ObservationStatus.Preliminary];

    private void ReadObservation(ReadState state, Observation observation, string reference)
    {
        var loinc = observation.Code?.Coding.Where(c => CodeSystems.FromUri(c.System) == CodeSystem.Loinc && c.Code is not null).ToList() ?? [];
        var analyte = loinc.Select(c => knowledge.Codes.AnalyteByLoinc(c.Code!)).FirstOrDefault(a => a is not null);
        if (analyte is null)
        {
            state.Unmapped.Add(new(reference, UnmappedReason.UnknownCode, $"Observation {Describe(observation.Code)}: no LOINC code of an analyte Calfwise reads"));
            return;
        }

        if (observation.Status is not { } status || !Usable.Contains(status))
        {
            state.Unmapped.Add(new(reference, UnmappedReason.NotActive, $"{analyte.Name} with status {observation.Status?.ToString() ?? "(none)"}"));
            return;
        }

        if (observation.Value is not Quantity { Value: { } value } quantity || quantity.Comparator is not null)
        {
            var what = observation.Value is Quantity { Comparator: { } comparator } ? $"a bound ({comparator}), not an exact value" : "no valueQuantity";
            state.Unmapped.Add(new(reference, UnmappedReason.NoValue, $"{analyte.Name} with {what}"));
            return;
        }

        var written = string.Equals(quantity.System, FhirSystems.Ucum, StringComparison.Ordinal) && quantity.Code is not null ? quantity.Code : quantity.Unit;
        if (FhirSystems.FromUcum(analyte, written) is not { } unit)
        {
            state.Unmapped.Add(new(reference, UnmappedReason.UnitNotAccepted,
                $"{analyte.Name} {value.ToString(CultureInfo.InvariantCulture)} {written ?? "(no unit)"}: accepted units are {string.Join(", ", analyte.AllUnits.Select(u => FhirSystems.ToUcum(u.Code)))}"));
            return;
        }

        if (DateOf(observation) is not { } date)
        {
            state.Unmapped.Add(new(reference, UnmappedReason.NoDate, $"{analyte.Name} without effective[x] or issued: its age cannot be checked against the window"));
            return;
        }

        var lab = new LabInput(analyte.Id, value, unit.Code) { Date = date };
        state.Labs.Add(new LabCandidate(lab, date, reference, state.Labs.Count));
    }

    /// <summary>For each analyte the most recent result within the window (the first in the record on a tie); the rest are reported.</summary>
    private List<LabCandidate> ChooseLabs(ReadState state)
    {
        var earliest = state.Today.AddDays(-_options.LabWindowDays);
        var chosen = new List<LabCandidate>();
        foreach (var candidate in state.Labs)
        {
            if (candidate.Date > state.Today || candidate.Date < earliest)
            {
                var why = candidate.Date > state.Today ? $"after the day of assessment ({state.Today:yyyy-MM-dd})" : $"older than {_options.LabWindowDays} days";
                state.Unmapped.Add(new(candidate.Reference, UnmappedReason.OutsideWindow, $"{candidate.Lab.Analyte} of {candidate.Date:yyyy-MM-dd}: {why}"));
            }
            else
            {
                chosen.Add(candidate);
            }
        }

        var labs = new List<LabCandidate>();
        foreach (var group in chosen.GroupBy(c => c.Lab.Analyte, StringComparer.Ordinal))
        {
            var ordered = group.OrderByDescending(c => c.Date).ThenBy(c => c.Order).ToList();
            labs.Add(ordered[0]);
            foreach (var older in ordered.Skip(1))
            {
                state.Unmapped.Add(new(older.Reference, UnmappedReason.Superseded, $"{older.Lab.Analyte} of {older.Date:yyyy-MM-dd}: {ordered[0].Reference} of {ordered[0].Date:yyyy-MM-dd} is more recent"));
            }
        }

        return labs.OrderBy(c => c.Order).ToList();
    }

    /// <summary>The day of a result: effective[x] (a date-time, the start of a period, an instant), else the issued time.</summary>
    internal static DateOnly? DateOf(Observation observation) => observation.Effective switch
    {
        FhirDateTime dateTime => Day(dateTime.Value),
        Period period => Day(period.Start ?? period.End),
        Instant instant => instant.Value is { } value ? DateOnly.FromDateTime(value.DateTime) : null,
        _ => observation.Issued is { } issued ? DateOnly.FromDateTime(issued.DateTime) : null,
    };

    /// <summary>The date part of a FHIR date or dateTime written at least to the day.</summary>
    private static DateOnly? Day(string? value) =>
        value is { Length: >= 10 } && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string Describe(CodeableConcept? concept)
    {
        if (concept is null)
        {
            return "without a code";
        }

        var codes = concept.Coding.Select(c => $"{c.System ?? "(no system)"}|{c.Code}").ToList();
        var text = concept.Text ?? concept.Coding.Select(c => c.Display).FirstOrDefault(d => d is not null);
        return (text is null ? "" : $"'{text}' ") + (codes.Count == 0 ? "(no coding)" : string.Join(", ", codes));
    }
}
