using Calfwise.Core.Knowledge;
using Hl7.Fhir.Model;
using CodeSystem = Calfwise.Core.Knowledge.CodeSystem;
using FhirCondition = Hl7.Fhir.Model.Condition;

namespace Calfwise.Fhir;

public sealed partial class FhirCaseReader
{
    private static readonly string[] Holding = ["active", "recurrence", "relapse"];

    private void ReadCondition(ReadState state, FhirCondition condition, string reference)
    {
        var codes = (condition.Code?.Coding ?? []).Where(c => c.Code is not null).Select(c => (System: CodeSystems.FromUri(c.System), Code: c.Code!)).Where(c => c.System is not null).ToList();
        var findings = codes.SelectMany(c => knowledge.Codes.Find(CodeTarget.Finding, c.System!.Value, c.Code)).Distinct().ToList();
        var pregnant = codes.Any(c => knowledge.Codes.PersonFacts(c.System!.Value, c.Code).Contains("pregnant"));
        var diagnoses = codes.SelectMany(c => knowledge.Codes.Find(CodeTarget.Condition, c.System!.Value, c.Code)).Distinct().ToList();
        var what = Describe(condition.Code);
        if (findings.Count == 0 && !pregnant)
        {
            state.Unmapped.Add(diagnoses.Count > 0
                ? new(reference, UnmappedReason.Diagnosis, $"Condition {what} is {string.Join(", ", diagnoses)} of the differential: a recorded diagnosis is not an input; the history codes (for a past clot, previous-dvt) are")
                : new(reference, UnmappedReason.UnknownCode, $"Condition {what}: no SNOMED CT or ICD-10 code bound to a finding or to pregnancy"));
            return;
        }

        var clinical = condition.ClinicalStatus?.Coding.Select(c => c.Code).FirstOrDefault(c => c is not null);
        var verification = condition.VerificationStatus?.Coding.Select(c => c.Code).FirstOrDefault(c => c is not null);
        if ((clinical is not null && !Holding.Contains(clinical)) || (verification is not null && verification != "confirmed"))
        {
            state.Unmapped.Add(new(reference, UnmappedReason.NotActive, $"Condition {what} with clinical status {clinical ?? "(none)"} and verification {verification ?? "(none)"}: only active, confirmed conditions are read"));
            return;
        }

        foreach (var finding in findings)
        {
            state.Answer(finding, true, reference);
        }

        if (pregnant)
        {
            state.Pregnant = true;
            state.Trimester ??= condition.Stage.SelectMany(s => s.Summary?.Coding ?? []).Where(c => c.System == FhirSystems.Trimester)
                .Select(c => int.TryParse(c.Code, out var trimester) && trimester is >= 1 and <= 3 ? trimester : (int?)null).FirstOrDefault(t => t is not null);
        }
    }

    private static string? StatementStatus(MedicationStatement statement) =>
        statement.Status is MedicationStatement.MedicationStatusCodes.Active or MedicationStatement.MedicationStatusCodes.Intended ? null : $"status {statement.Status?.ToString() ?? "(none)"}";

    private static string? RequestStatus(MedicationRequest request) =>
        request.Status is MedicationRequest.MedicationrequestStatus.Active ? null : $"status {request.Status?.ToString() ?? "(none)"}";

    /// <summary>A medicine taken now; <paramref name="inactive"/> says why the statement or request does not mean that (null when it does).</summary>
    private void ReadMedication(ReadState state, DomainResource owner, DataType? medication, string? inactive, string reference)
    {
        var concept = medication switch
        {
            CodeableConcept code => code,
            ResourceReference pointer => Resolve(state, owner, pointer)?.Code,
            _ => null,
        };
        if (inactive is not null)
        {
            state.Unmapped.Add(new(reference, UnmappedReason.NotActive, $"medicine {Describe(concept)} with {inactive}: only active ones are read"));
            return;
        }

        if (concept is null)
        {
            state.Unmapped.Add(new(reference, UnmappedReason.UnknownCode, "no medication code, and no Medication resource it points to in the input"));
            return;
        }

        if (KnownName(concept) is { } name)
        {
            state.MedicationNames.Add(name);
            return;
        }

        var classes = concept.Coding.Where(c => CodeSystems.FromUri(c.System) is CodeSystem.Atc or CodeSystem.RxNorm && c.Code is not null)
            .SelectMany(c => knowledge.Codes.MedicationClasses(CodeSystems.FromUri(c.System)!.Value, c.Code!)).Distinct().ToList();
        if (classes is [var only] && only.Drugs.Count > 0)
        {
            state.MedicationNames.Add(only.Drugs[0]);
            state.Unmapped.Add(new(reference, UnmappedReason.ReadAsClass, $"medicine {Describe(concept)} read as the class {only.Id} under the stand-in name '{only.Drugs[0]}'"));
            return;
        }

        state.Unmapped.Add(new(reference, UnmappedReason.UnknownCode, $"medicine {Describe(concept)}: no ATC code of one class and no name the knowledge base knows"));
    }

    /// <summary>A medicine name the knowledge base knows in the text or a display: whole, or one of its words ("Sertraline 50 MG Oral Tablet").</summary>
    private string? KnownName(CodeableConcept concept)
    {
        var texts = concept.Coding.Select(c => c.Display).Prepend(concept.Text).OfType<string>().ToList();
        foreach (var text in texts)
        {
            if (knowledge.DrugClasses.ContainsKey(text.Trim()))
            {
                return text.Trim().ToLowerInvariant();
            }

            var word = text.Split([' ', ',', '/', '(', ')', '-'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => knowledge.DrugClasses.ContainsKey(w));
            if (word is not null)
            {
                return word.ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>The Medication a reference points to: contained in the resource (#id) or an entry of the input.</summary>
    private static Medication? Resolve(ReadState state, DomainResource owner, ResourceReference pointer)
    {
        if (pointer.Reference is ['#', .. var local])
        {
            return owner.Contained.OfType<Medication>().FirstOrDefault(m => m.Id == local);
        }

        foreach (var entry in state.Entries)
        {
            if (entry.Resource is Medication medication && (entry.Reference == pointer.Reference || $"urn:uuid:{medication.Id}" == pointer.Reference))
            {
                state.UsedMedications.Add(entry.Reference);
                return medication;
            }
        }

        return null;
    }

    private void ReadAnswers(ReadState state, QuestionnaireResponse response, string reference)
    {
        if (response.Status is QuestionnaireResponse.QuestionnaireResponseStatus.EnteredInError or QuestionnaireResponse.QuestionnaireResponseStatus.Stopped)
        {
            state.Unmapped.Add(new(reference, UnmappedReason.NotActive, $"QuestionnaireResponse with status {response.Status}"));
            return;
        }

        ReadItems(state, response.Item, reference);
    }

    private void ReadItems(ReadState state, IEnumerable<QuestionnaireResponse.ItemComponent> items, string reference)
    {
        foreach (var item in items)
        {
            ReadItems(state, item.Item.Concat(item.Answer.SelectMany(a => a.Item)), reference);
            if (item.Answer.Count == 0)
            {
                continue; // no answer: not asked
            }

            var at = $"{reference} item '{item.LinkId}'";
            if (item.LinkId is null || !knowledge.FindingsById.ContainsKey(item.LinkId))
            {
                state.Unmapped.Add(new(at, UnmappedReason.UnknownCode, "the linkId is not a finding id of the knowledge base"));
            }
            else if (item.Answer[0].Value is FhirBoolean { Value: { } answer })
            {
                state.Answer(item.LinkId, answer, at);
            }
            else if (item.Answer[0].Value is Coding { System: FhirSystems.DataAbsentReason, Code: FhirSystems.AskedUnknown })
            {
                state.DontKnow.Add(item.LinkId);
            }
            else
            {
                state.Unmapped.Add(new(at, UnmappedReason.NotBoolean, $"answer is {item.Answer[0].Value?.TypeName ?? "empty"}, not valueBoolean (or the data-absent-reason asked-unknown)"));
            }
        }
    }
}
