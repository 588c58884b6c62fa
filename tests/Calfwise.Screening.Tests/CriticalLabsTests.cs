using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Tests;

public sealed class CriticalLabsTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static PatientRecord Record(params LabFact[] labs)
    {
        var record = new PatientRecord("p1") { HasPatient = true, Sex = Sex.Female, BirthDate = new DateOnly(1960, 5, 1), BirthDateExact = true };
        record.Labs.AddRange(labs);
        return record;
    }

    private static LabFact Lab(string analyte, decimal value, string unit, string id, int daysAgo) =>
        new(analyte, value, unit, new Evidence($"Observation/{id}", Today.AddDays(-daysAgo)));

    private static IEnumerable<ScreeningHit> Critical(PatientRecord record) =>
        new Screener(EmbeddedKnowledge.Instance, Today).Screen(record).Hits.Where(h => h.Rule == ScreeningRules.CriticalLabUnresolved);

    [Fact]
    public void A_recent_critical_result_is_a_hit_with_its_later_results_and_those_of_an_analyte_with_no_critical_limit_are_not_read_as_critical()
    {
        var record = Record(
            Lab("ferritin", 1m, "ng/mL", "f1", 3),
            Lab("potassium", 6.2m, "mmol/L", "k2", 2),
            Lab("potassium", 7.1m, "mmol/L", "k1", 5),
            Lab("ferritin", 2m, "ng/mL", "f2", 1),
            Lab("potassium", 7.3m, "mmol/L", "k0", 40));

        var hit = Assert.Single(Critical(record));

        Assert.Equal(["Observation/k1@2026-11-26", "Observation/k2@2026-11-29"], hit.Evidence.Select(e => e.ToString()));
        Assert.Contains("ukka-2023-k", hit.Sources);
    }

    [Fact]
    public void A_later_normal_result_resolves_a_critical_one()
    {
        var record = Record(Lab("potassium", 4.2m, "mmol/L", "k2", 2), Lab("potassium", 7.1m, "mmol/L", "k1", 5));

        Assert.Empty(Critical(record));
    }
}
