using System.Collections.Frozen;
using Calfwise.Core;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Population;

/// <summary>
/// A patient's record as the case the engine assesses on a given day: age from the birth date, sex, pregnancy and
/// findings from active coded conditions, active medicines, and for each analyte the most recent result within the
/// window (docs/screening.md). The same reading as the FHIR reader's for one person, from rows instead of resources.
/// </summary>
public static class RecordCase
{
    /// <summary>How far back a lab result is read into the case: a year, the window the screening rules speak of.</summary>
    public const int LabWindowDays = 365;

    /// <summary>
    /// Whether a result of <paramref name="day"/> is read on <paramref name="today"/>: from <see cref="LabWindowDays"/>
    /// days before today up to and including today (both ends read). Every rule reads labs in this window only (the
    /// critical-value rule in the last 30 days of it), so the scan keeps no other (docs/screening.md).
    /// </summary>
    public static bool InLabWindow(DateOnly day, DateOnly today) => day <= today && day >= today.AddDays(-LabWindowDays);

    /// <summary>The answers of a record with no finding, shared: a case's answers are only read.</summary>
    private static readonly IReadOnlyDictionary<string, bool> NoFindings = FrozenDictionary<string, bool>.Empty;

    /// <summary>The medicines of a record with no active one, shared: a case's medicines are only read.</summary>
    private static readonly IReadOnlyList<string> NoMedicines = [];

    /// <summary>
    /// The case of <paramref name="record"/> on <paramref name="today"/> with these labs (<see cref="Latest(IReadOnlyList{LabFact}, DateOnly)"/>, or one
    /// result of one analyte to read it on its own), validated; errors name the patient.
    /// </summary>
    public static Result<ValidatedCase> Build(PatientRecord record, DateOnly today, KnowledgeBase knowledge, IReadOnlyList<LabFact> labs)
    {
        if (record.Sex is not { } sex || record.BirthDate is not { } birth)
        {
            return Result.Failure<ValidatedCase>(new InputError($"Patient/{record.PatientId}", "needs gender (male or female) and a birthDate"));
        }

        Dictionary<string, bool>? findings = null;
        var pregnant = false;
        foreach (var condition in record.Conditions)
        {
            if (condition.Active)
            {
                pregnant |= condition.Pregnant;
                for (var i = 0; i < condition.Findings.Count; i++)
                {
                    (findings ??= new(StringComparer.Ordinal))[condition.Findings[i]] = true;
                }
            }
        }

        var input = new PatientCase(CaseValidator.AgeOn(birth, today), sex, pregnant ? true : null, findings ?? NoFindings, ActiveMedicines(record), Inputs(labs), null)
        {
            BirthDate = record.BirthDateExact ? birth : null,
        };
        var validated = CaseValidator.Validate(input, knowledge, today);
        return validated.IsSuccess
            ? validated
            : Result.Failure<ValidatedCase>(validated.Errors.Select(e => e with { Field = $"Patient/{record.PatientId} ({e.Field})" }).ToList());
    }

    /// <summary>The names of the active medicines, each once whatever its case, in the order of the record.</summary>
    private static IReadOnlyList<string> ActiveMedicines(PatientRecord record)
    {
        List<string>? names = null; // made for the first: many records have no active medicine
        foreach (var medication in record.Medications)
        {
            if (medication.Active && !Contains(names ??= [], medication.Name))
            {
                names.Add(medication.Name);
            }
        }

        return names ?? NoMedicines;

        static bool Contains(List<string> names, string name)
        {
            foreach (var kept in names)
            {
                if (string.Equals(kept, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static LabInput[] Inputs(IReadOnlyList<LabFact> labs)
    {
        var inputs = new LabInput[labs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var lab = labs[i];
            inputs[i] = new LabInput(lab.Analyte, lab.Value, lab.Unit) { Date = lab.Source.Date };
        }

        return inputs;
    }

    /// <summary>For each analyte the most recent result within the window up to <paramref name="today"/> (the first in the record on a tie).</summary>
    public static IReadOnlyList<LabFact> Latest(IReadOnlyList<LabFact> labs, DateOnly today) => Latest(labs, today, []);

    /// <summary><see cref="Latest(IReadOnlyList{LabFact}, DateOnly)"/> put in <paramref name="latest"/> (emptied first), which is returned.</summary>
    internal static List<LabFact> Latest(IReadOnlyList<LabFact> labs, DateOnly today, List<LabFact> latest)
    {
        latest.Clear();
        for (var i = 0; i < labs.Count; i++)
        {
            var lab = labs[i];
            if (!InLabWindow(lab.Date, today))
            {
                continue;
            }

            // A patient has a few analytes: a look through those kept is cheaper than a dictionary, in the same order.
            var kept = IndexOf(latest, lab.Analyte);
            if (kept < 0)
            {
                latest.Add(lab);
            }
            else if (lab.Date > latest[kept].Date)
            {
                latest[kept] = lab;
            }
        }

        return latest;
    }

    private static int IndexOf(List<LabFact> labs, string analyte)
    {
        for (var i = 0; i < labs.Count; i++)
        {
            if (string.Equals(labs[i].Analyte, analyte, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
