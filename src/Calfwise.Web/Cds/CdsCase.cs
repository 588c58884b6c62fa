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
        var read = new FhirCaseReader(knowledge, time).Read(entries);
        if (!read.IsSuccess)
        {
            return Result.Failure<CdsCase>(read.Errors);
        }

        var validated = CaseValidator.Validate(read.Value!.Case, knowledge, time);
        if (!validated.IsSuccess)
        {
            return Result.Failure<CdsCase>(read.Value.Locate(validated.Errors));
        }

        var assessment = new AssessmentEngine(knowledge, time).Assess(validated.Value!);
        return Result.Success(new CdsCase(read.Value, validated.Value!, assessment, entries));
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
