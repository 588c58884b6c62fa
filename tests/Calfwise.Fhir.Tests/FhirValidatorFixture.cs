using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Calfwise.Fhir.Tests;

/// <summary>
/// One validator against the base R4 specification (the zip of Hl7.Fhir.Specification.Data.R4), shared by a test
/// class: it takes tens of seconds to warm up and is not thread-safe, so calls are serialised.
/// </summary>
public sealed class FhirValidatorFixture
{
    private readonly Lock _lock = new();
    private readonly Validator _validator;

    public FhirValidatorFixture()
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        _validator = new Validator(source.AsAsync(), new LocalTerminologyService(source.AsAsync()));
    }

    /// <summary>The errors (and fatal issues) the validator finds in a resource, as text.</summary>
    public IReadOnlyList<string> Errors(Resource resource)
    {
        OperationOutcome outcome;
        lock (_lock)
        {
            outcome = _validator.Validate(resource);
        }

        return outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName} {string.Join(",", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}")
            .ToList();
    }
}
