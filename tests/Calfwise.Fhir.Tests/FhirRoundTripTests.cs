using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using static Calfwise.Fhir.Tests.FhirTestData;

namespace Calfwise.Fhir.Tests;

/// <summary>Case → assessment → FHIR Bundle → case → assessment: the same result, for every vignette.</summary>
public sealed class FhirRoundTripTests
{
    public static IEnumerable<object[]> Names => VignetteNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void A_vignette_written_as_FHIR_and_read_back_gives_the_same_assessment(string name)
    {
        var original = Vignettes().Single(v => v.Name == name).Case;
        var (validated, assessment) = Assess(original);
        var json = FhirJson.Write(new FhirAssessmentWriter(Kb, Clock).Write(validated, assessment));

        var read = new FhirCaseReader(Kb, Clock).Read(json);
        Assert.True(read.IsSuccess, string.Join("; ", read.Errors));
        var (_, again) = Assess(read.Value!.Case);

        Assert.Equal(Summary(assessment), Summary(again));
        // Left over: the resources Calfwise writes but does not read, and medicines the knowledge base does not know
        // (kept in a case as written, reported when read from FHIR).
        var unknown = validated.UnknownMedications;
        Assert.All(read.Value.Unmapped, u => Assert.True(
            u.Reason == UnmappedReason.ResourceType || (u.Reason == UnmappedReason.UnknownCode && unknown.Any(m => u.Detail.Contains($"'{m}'", StringComparison.Ordinal))), u.ToString()));
        Assert.Equal(unknown.Count, read.Value.Unmapped.Count(u => u.Reason == UnmappedReason.UnknownCode));
    }

    private static (ValidatedCase, Assessment) Assess(PatientCase input)
    {
        var validated = CaseValidator.Validate(input, Kb, Clock);
        Assert.True(validated.IsSuccess, string.Join("; ", validated.Errors));
        return (validated.Value!, new AssessmentEngine(Kb, Clock).Assess(validated.Value!));
    }

    /// <summary>What the assessment says: triage, red flags, the differential with probabilities, the labs read and the plan.</summary>
    private static string Summary(Assessment a) => string.Join("\n",
        [
            $"triage {a.Triage.Level.ToId()}",
            $"red flags {string.Join(", ", a.RedFlags.Select(f => $"{f.Id}:{f.Level.ToId()}:{string.Join("+", f.NotRuledOut)}"))}",
            .. a.Differential.Select(c => $"{c.Id} {c.Probability:0.######}"),
            .. a.Labs.Select(l => $"{l.Analyte} {l.CanonicalValue:0.####} {l.Status.ToId()}"),
            $"iron {a.Iron.Plan.ToId()}",
            $"plan {string.Join(", ", a.Recommendations.Select(r => r.Id))}",
        ]);
}
