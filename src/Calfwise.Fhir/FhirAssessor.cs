using Calfwise.Core;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Hl7.Fhir.Model;

namespace Calfwise.Fhir;

/// <summary>A FHIR record assessed: the case read from it, the assessment and the Bundle written from them.</summary>
public sealed record FhirAssessment(FhirCase Case, ValidatedCase Validated, Assessment Assessment, Bundle Bundle);

/// <summary>
/// FHIR in, FHIR out: reads a case from a Bundle, validates and assesses it, and writes the assessment as a Bundle
/// whose OperationOutcome lists what in the input was not read (one information issue per item).
/// </summary>
public sealed class FhirAssessor(KnowledgeBase knowledge, TimeProvider time, FhirReadOptions? options = null)
{
    public Result<FhirAssessment> Assess(string json)
    {
        var read = new FhirCaseReader(knowledge, time, options).Read(json);
        if (!read.IsSuccess)
        {
            return Result.Failure<FhirAssessment>(read.Errors);
        }

        var validated = CaseValidator.Validate(read.Value!.Case, knowledge, time);
        if (!validated.IsSuccess)
        {
            return Result.Failure<FhirAssessment>(read.Value.Locate(validated.Errors));
        }

        var assessment = new AssessmentEngine(knowledge, time).Assess(validated.Value!);
        var bundle = new FhirAssessmentWriter(knowledge, time).Write(validated.Value!, assessment);
        AddUnmapped(bundle, read.Value.Unmapped);
        return Result.Success(new FhirAssessment(read.Value, validated.Value!, assessment, bundle));
    }

    /// <summary>Adds what was not read to an assessment's Bundle as an OperationOutcome; nothing when everything was read.</summary>
    public static void AddUnmapped(Bundle bundle, IReadOnlyList<UnmappedResource> unmapped)
    {
        if (unmapped.Count > 0)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = UnmappedOutcome(unmapped) });
        }
    }

    /// <summary>What was not read, as information issues naming the resource and the reason.</summary>
    public static OperationOutcome UnmappedOutcome(IEnumerable<UnmappedResource> unmapped) => new()
    {
        Issue = unmapped.Select(u => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Information,
            Code = OperationOutcome.IssueType.NotSupported,
            Details = new CodeableConcept { Text = u.Reason.ToString() },
            Diagnostics = u.ToString(),
        }).ToList(),
    };
}
