using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Tests;

/// <summary>
/// A record whose age the case's validation refuses is counted as not screened (an invalid case) whatever it holds:
/// nothing, labs only outside the rules' window, or a lab the rules read. The counts then do not depend on which labs
/// the scan left out.
/// </summary>
public sealed class ScreenerRefusalTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    public static TheoryData<int, int?> Labs() => new()
    {
        { 0, null },
        { 1, 400 }, // outside the window: the scan leaves it out
        { 1, 10 },
    };

    [Theory]
    [MemberData(nameof(Labs))]
    public void A_birth_date_after_the_day_or_an_age_over_the_oldest_is_an_invalid_case(int labs, int? daysAgo)
    {
        foreach (var birth in new[] { Today.AddDays(1), Today.AddYears(-121) })
        {
            var record = new PatientRecord("p1") { HasPatient = true, Sex = Sex.Male, BirthDate = birth, BirthDateExact = true };
            if (labs > 0 && daysAgo is { } days && RecordCase.InLabWindow(Today.AddDays(-days), Today))
            {
                record.Labs.Add(new LabFact("potassium", 4.2m, "mmol/L", new Evidence("Observation/k1", Today.AddDays(-days))));
            }

            var screened = new Screener(EmbeddedKnowledge.Instance, Today).Screen(record);

            Assert.Equal(NotScreenedReason.InvalidCase, screened.NotScreened);
            Assert.Empty(screened.Hits);
        }
    }

    [Fact]
    public void A_record_of_a_valid_age_with_nothing_to_read_is_screened_and_found_nothing()
    {
        var record = new PatientRecord("p1") { HasPatient = true, Sex = Sex.Female, BirthDate = Today.AddYears(-CaseValidatorMaxAge), BirthDateExact = true };

        var screened = new Screener(EmbeddedKnowledge.Instance, Today).Screen(record);

        Assert.Null(screened.NotScreened);
        Assert.Empty(screened.Hits);
    }

    private const int CaseValidatorMaxAge = (int)Core.Cases.CaseValidator.MaxAge;
}
