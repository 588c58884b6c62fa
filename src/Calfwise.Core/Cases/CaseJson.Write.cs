using Calfwise.Core.Contracts;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Cases;

/// <summary>Writing a case in the format it is read.</summary>
public static partial class CaseJson
{
    /// <summary>Writes a case in the same format it is read, for saving an interview or handing it to another program.</summary>
    public static string Write(PatientCase patient) => ContractJson.Write(ToRequest(patient));

    /// <summary>The one mapping from the domain case back to the contract. A case given with a birth date keeps it, not the age.</summary>
    public static CaseRequest ToRequest(PatientCase patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var findings = new Dictionary<string, bool?>(StringComparer.Ordinal);
        foreach (var (id, answer) in patient.Findings.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            findings[id] = answer;
        }

        foreach (var id in patient.DontKnow.Order(StringComparer.Ordinal))
        {
            findings[id] = null;
        }

        return new CaseRequest
        {
            Age = patient.BirthDate is null ? patient.Age : null,
            BirthDate = patient.BirthDate,
            Sex = patient.Sex == Sex.Female ? "female" : "male",
            Pregnant = patient.Pregnant,
            Trimester = patient.Trimester,
            Findings = findings,
            Medications = [.. patient.Medications],
            Labs = patient.Labs.Select(l => new CaseLabRequest { Analyte = l.Analyte, Value = l.Value, Unit = l.Unit, Date = l.Date }).ToList<CaseLabRequest?>(),
            Instruments = patient.Irls is { } irls ? new CaseInstrumentsRequest { Irls = [.. irls] } : null,
            LabsUnavailable = patient.LabsUnavailable.Count > 0 ? [.. patient.LabsUnavailable.Order(StringComparer.Ordinal)] : null,
        };
    }
}
