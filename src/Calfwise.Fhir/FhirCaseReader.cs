using Calfwise.Core;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using Hl7.Fhir.Model;
using FhirPatient = Hl7.Fhir.Model.Patient;

namespace Calfwise.Fhir;

/// <summary>A case read from FHIR resources, with everything in them that did not become part of it.</summary>
/// <param name="Case">The case, ready for <see cref="CaseValidator"/> or the engine.</param>
/// <param name="Unmapped">Each resource, or part of one, not read into the case, with why.</param>
/// <param name="PatientReference">The Patient the case is about (its reference in the input).</param>
public sealed record FhirCase(PatientCase Case, IReadOnlyList<UnmappedResource> Unmapped, string PatientReference)
{
    /// <summary>The Observation each lab of <see cref="Case"/> came from, in the same order.</summary>
    public IReadOnlyList<string> LabReferences { get; init; } = [];

    /// <summary>Errors of the case validator with the resource they come from named (<c>Observation/k1 (labs[0].value)</c>).</summary>
    public IReadOnlyList<InputError> Locate(IReadOnlyList<InputError> errors) => errors.Select(Locate).ToList();

    private InputError Locate(InputError error)
    {
        for (var i = 0; i < LabReferences.Count; i++)
        {
            if (error.Field.StartsWith($"labs[{i}]", StringComparison.Ordinal))
            {
                return error with { Field = $"{LabReferences[i]} ({error.Field})" };
            }
        }

        return error.Field is "age" or "birthDate" or "sex" or "pregnant" ? error with { Field = $"{PatientReference} ({error.Field})" } : error;
    }
}

/// <summary>
/// Reads a case from FHIR R4 resources (docs/fhir.md, "In"): Patient (age and sex), lab Observations by LOINC code,
/// Conditions by SNOMED CT or ICD-10 (findings and pregnancy), MedicationStatement and MedicationRequest (by ATC code
/// or name), QuestionnaireResponse (finding answers). Codes come from the knowledge base (codes.yaml); what cannot be
/// read is reported in <see cref="FhirCase.Unmapped"/>, never dropped silently. The day of assessment comes from the clock.
/// </summary>
public sealed partial class FhirCaseReader(KnowledgeBase knowledge, TimeProvider time, FhirReadOptions? options = null)
{
    private readonly FhirReadOptions _options = options ?? FhirReadOptions.Default;

    /// <summary>Reads the resources of a Bundle, or of a list, given as JSON.</summary>
    public Result<FhirCase> Read(string json)
    {
        var input = FhirJson.Read(json);
        return input.IsSuccess ? Read(input.Value!.Entries, input.Value.Invalid) : Result.Failure<FhirCase>(input.Errors);
    }

    /// <param name="entries">The resources.</param>
    /// <param name="invalid">What the JSON reader found not valid R4, reported first.</param>
    public Result<FhirCase> Read(IReadOnlyList<FhirEntry> entries, IReadOnlyList<UnmappedResource>? invalid = null)
    {
        var state = new ReadState(CaseValidator.Today(time), entries);
        state.Unmapped.AddRange(invalid ?? []);
        foreach (var entry in entries)
        {
            switch (entry.Resource)
            {
                case FhirPatient patient:
                    ReadPatient(state, patient, entry.Reference);
                    break;
                case Observation observation:
                    ReadObservation(state, observation, entry.Reference);
                    break;
                case Hl7.Fhir.Model.Condition condition:
                    ReadCondition(state, condition, entry.Reference);
                    break;
                case MedicationStatement statement:
                    ReadMedication(state, statement, statement.Medication, StatementStatus(statement), entry.Reference);
                    break;
                case MedicationRequest request:
                    ReadMedication(state, request, request.Medication, RequestStatus(request), entry.Reference);
                    break;
                case QuestionnaireResponse response:
                    ReadAnswers(state, response, entry.Reference);
                    break;
                case Medication:
                    state.Medications.Add(entry.Reference);
                    break;
                default:
                    state.Unmapped.Add(new(entry.Reference, UnmappedReason.ResourceType, $"{entry.Resource.TypeName} is not read by Calfwise"));
                    break;
            }
        }

        return Build(state);
    }

    private Result<FhirCase> Build(ReadState state)
    {
        if (state.Patient is not { } patient)
        {
            return Result.Failure<FhirCase>(new InputError("Patient", "no Patient resource: the age (birthDate) and sex (gender) come from it"));
        }

        var sex = PatientSex(patient.Resource);
        var birth = BirthDate(patient.Resource.BirthDate);
        var errors = new List<InputError>();
        if (sex is null)
        {
            errors.Add(new($"{patient.Reference}.gender", "must be male or female: the reference ranges and questions depend on it"));
        }

        if (birth is null)
        {
            errors.Add(new($"{patient.Reference}.birthDate", "needs a date (YYYY, YYYY-MM or YYYY-MM-DD): the age comes from it"));
        }

        if (sex is null || birth is null)
        {
            return Result.Failure<FhirCase>(errors);
        }

        // Unused Medication resources (those no statement or request pointed to) are reported too.
        foreach (var medication in state.Medications.Where(m => !state.UsedMedications.Contains(m)))
        {
            state.Unmapped.Add(new(medication, UnmappedReason.ResourceType, "Medication not referenced by a MedicationStatement or MedicationRequest"));
        }

        var labs = ChooseLabs(state);
        var input = new PatientCase(
            CaseValidator.AgeOn(birth.Value.Date, state.Today),
            sex.Value,
            state.Pregnant,
            state.Findings,
            state.MedicationNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            labs.Select(l => l.Lab).ToList(),
            null)
        {
            BirthDate = birth.Value.Exact ? birth.Value.Date : null,
            Trimester = state.Trimester,
            DontKnow = state.DontKnow.Where(f => !state.Findings.ContainsKey(f)).ToHashSet(StringComparer.Ordinal),
        };
        return Result.Success(new FhirCase(input, state.Unmapped, patient.Reference) { LabReferences = labs.Select(l => l.Reference).ToList() });
    }

    private static void ReadPatient(ReadState state, FhirPatient patient, string reference)
    {
        if (state.Patient is { } first)
        {
            state.Unmapped.Add(new(reference, UnmappedReason.AnotherPatient, $"a second Patient; the case is about {first.Reference}"));
            return;
        }

        state.Patient = (patient, reference);
    }

    private static Sex? PatientSex(FhirPatient patient) => patient.Gender switch
    {
        AdministrativeGender.Female => Sex.Female,
        AdministrativeGender.Male => Sex.Male,
        _ => null,
    };

    /// <summary>A FHIR date; a partial one (year, or year and month) is read as the middle of its span and is not exact.</summary>
    internal static (DateOnly Date, bool Exact)? BirthDate(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var parts = value.Split('-');
        if (!int.TryParse(parts[0], out var year) || year is < 1 or > 9999)
        {
            return null;
        }

        return parts.Length switch
        {
            1 => (new DateOnly(year, 7, 1), false),
            2 when int.TryParse(parts[1], out var month) && month is >= 1 and <= 12 => (new DateOnly(year, month, 15), false),
            3 when DateOnly.TryParseExact(value[..Math.Min(10, value.Length)], "yyyy-MM-dd", out var day) => (day, true),
            _ => null,
        };
    }

    /// <summary>Everything read so far.</summary>
    private sealed class ReadState(DateOnly today, IReadOnlyList<FhirEntry> entries)
    {
        public DateOnly Today { get; } = today;

        public IReadOnlyList<FhirEntry> Entries { get; } = entries;

        public (FhirPatient Resource, string Reference)? Patient { get; set; }

        public bool? Pregnant { get; set; }

        public int? Trimester { get; set; }

        public Dictionary<string, bool> Findings { get; } = new(StringComparer.Ordinal);

        /// <summary>Findings answered "I don't know" (unless another resource answers them).</summary>
        public HashSet<string> DontKnow { get; } = new(StringComparer.Ordinal);

        /// <summary>Where each finding's answer came from, to name it when another resource contradicts it.</summary>
        public Dictionary<string, string> FindingSources { get; } = new(StringComparer.Ordinal);

        public List<string> MedicationNames { get; } = [];

        public List<string> Medications { get; } = [];

        public HashSet<string> UsedMedications { get; } = new(StringComparer.Ordinal);

        public List<LabCandidate> Labs { get; } = [];

        public List<UnmappedResource> Unmapped { get; } = [];

        /// <summary>Records an answer unless another resource already gave the opposite one.</summary>
        public void Answer(string findingId, bool answer, string reference)
        {
            if (Findings.TryGetValue(findingId, out var existing))
            {
                if (existing != answer)
                {
                    Unmapped.Add(new(reference, UnmappedReason.Conflict, $"{findingId} = {(answer ? "yes" : "no")} contradicts {FindingSources[findingId]}, which is kept"));
                }

                return;
            }

            Findings[findingId] = answer;
            FindingSources[findingId] = reference;
        }
    }
}
