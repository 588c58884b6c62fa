using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Hl7.Fhir.Model;
using static Calfwise.Fhir.Tests.FhirTestData;

namespace Calfwise.Fhir.Tests;

/// <summary>
/// Every resource Calfwise writes validates with zero errors against the base R4 specification (Firely validator).
/// The validator takes tens of seconds to warm up, so these tests are slow; one validator serves the class.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class FhirValidationTests(FhirValidatorFixture validator) : IClassFixture<FhirValidatorFixture>
{
    [Fact]
    public void Every_resource_written_for_every_vignette_validates_with_zero_errors()
    {
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, input) in Vignettes())
        {
            var bundle = Write(input);
            // The Bundle itself once per shape of content (each resource type set), every entry always.
            if (seen.Add(string.Join(",", bundle.Entry.Select(e => e.Resource!.TypeName).Distinct().Order(StringComparer.Ordinal))))
            {
                errors.AddRange(validator.Errors(bundle).Select(e => $"{name}: {e}"));
            }

            errors.AddRange(bundle.Entry.SelectMany(e => validator.Errors(e.Resource!)).Select(e => $"{name}: {e}"));
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors.Distinct().Take(40)));
    }

    [Fact]
    public void The_outcome_listing_unmapped_input_validates()
    {
        var outcome = FhirAssessor.UnmappedOutcome([new UnmappedResource("Encounter/e1", UnmappedReason.ResourceType, "Encounter is not read by Calfwise")]);

        Assert.Empty(validator.Errors(outcome));
    }

    [Fact]
    public void The_validator_finds_errors_in_an_invalid_resource()
    {
        // Guards the test above: an Observation without its required status and code must fail.
        Assert.NotEmpty(validator.Errors(new Observation { Value = new Quantity(1, "mmol/L") }));
    }

    private static Bundle Write(PatientCase input)
    {
        var validated = CaseValidator.Validate(input, Kb, Clock).Value!;
        return new FhirAssessmentWriter(Kb, Clock).Write(validated, new AssessmentEngine(Kb, Clock).Assess(validated));
    }
}
