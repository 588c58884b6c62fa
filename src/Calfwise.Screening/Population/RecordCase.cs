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
    /// The case of <paramref name="record"/> on <paramref name="today"/> with these labs (<see cref="Latest"/>, or one
    /// result of one analyte to read it on its own), validated; errors name the patient.
    /// </summary>
    public static Result<ValidatedCase> Build(PatientRecord record, DateOnly today, KnowledgeBase knowledge, IReadOnlyList<LabFact> labs)
    {
        if (record.Sex is not { } sex || record.BirthDate is not { } birth)
        {
            return Result.Failure<ValidatedCase>(new InputError($"Patient/{record.PatientId}", "needs gender (male or female) and a birthDate"));
        }

        var active = record.Conditions.Where(c => c.Active).ToList();
        var findings = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var finding in active.SelectMany(c => c.Findings))
        {
            findings[finding] = true;
        }

        var input = new PatientCase(
            CaseValidator.AgeOn(birth, today),
            sex,
            active.Any(c => c.Pregnant) ? true : null,
            findings,
            record.Medications.Where(m => m.Active).Select(m => m.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            labs.Select(l => new LabInput(l.Analyte, l.Value, l.Unit) { Date = l.Source.Date }).ToList(),
            null)
        {
            BirthDate = record.BirthDateExact ? birth : null,
        };
        var validated = CaseValidator.Validate(input, knowledge, today);
        return validated.IsSuccess
            ? validated
            : Result.Failure<ValidatedCase>(validated.Errors.Select(e => e with { Field = $"Patient/{record.PatientId} ({e.Field})" }).ToList());
    }

    /// <summary>For each analyte the most recent result within the window up to <paramref name="today"/> (the first in the record on a tie).</summary>
    public static IReadOnlyList<LabFact> Latest(IReadOnlyList<LabFact> labs, DateOnly today)
    {
        var earliest = today.AddDays(-LabWindowDays);
        var latest = new List<LabFact>(); // a record's few analytes: a list searched, in the order each was first read
        foreach (var lab in labs)
        {
            if (lab.Date > today || lab.Date < earliest)
            {
                continue;
            }

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
