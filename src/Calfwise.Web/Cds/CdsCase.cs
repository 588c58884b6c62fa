using Calfwise.Core;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Fhir;
using Hl7.Fhir.Model;

namespace Calfwise.Web.Cds;

/// <summary>A patient's record read into a case with the FHIR reader, validated and assessed like any other case.</summary>
public sealed record CdsCase(FhirCase Read, ValidatedCase Validated, Assessment Assessment, IReadOnlyList<FhirEntry> Entries)
{
    /// <summary>The case of these resources, or the input errors that stop one being made (each naming its resource).</summary>
    public static Result<CdsCase> From(IReadOnlyList<FhirEntry> entries, KnowledgeBase knowledge, TimeProvider time)
    {
        var validated = Validate(entries, knowledge, time);
        return validated.IsSuccess
            ? Result.Success(new CdsCase(validated.Value.Read, validated.Value.Case, new AssessmentEngine(knowledge, time).Assess(validated.Value.Case), entries))
            : Result.Failure<CdsCase>(validated.Errors);
    }

    /// <summary>Read and validated, not assessed: enough to know the medicines' classes.</summary>
    public static Result<(FhirCase Read, ValidatedCase Case)> Validate(IReadOnlyList<FhirEntry> entries, KnowledgeBase knowledge, TimeProvider time)
    {
        var read = new FhirCaseReader(knowledge, time).Read(entries);
        if (!read.IsSuccess)
        {
            return Result.Failure<(FhirCase, ValidatedCase)>(read.Errors);
        }

        var validated = CaseValidator.Validate(read.Value!.Case, knowledge, time);
        return validated.IsSuccess
            ? Result.Success((read.Value, validated.Value!))
            : Result.Failure<(FhirCase, ValidatedCase)>(read.Value.Locate(validated.Errors));
    }

    /// <summary>The patient's id (for the subject of suggested orders).</summary>
    public string? PatientId => Entries.Select(e => e.Resource).OfType<Patient>().FirstOrDefault()?.Id;

    /// <summary>Whether the record, or the order's reasons, name restless legs (a code the knowledge base binds to it).</summary>
    public bool HasRestlessLegs(KnowledgeBase knowledge, IEnumerable<CodeableConcept> reasons)
    {
        var conditions = Entries.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Condition>()
            .Where(c => c.ClinicalStatus is null || c.ClinicalStatus.Coding.Any(x => x.Code is "active" or "recurrence" or "relapse"))
            .Select(c => c.Code)
            .OfType<CodeableConcept>();
        return conditions.Concat(reasons).SelectMany(c => c.Coding).Any(coding =>
            CodeSystems.FromUri(coding.System) is { } system && coding.Code is { } code &&
            knowledge.Codes.Conditions(system, code).Any(c => c.Id == RestlessLegs));
    }

    public const string RestlessLegs = "restless-legs";
}
