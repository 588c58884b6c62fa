using Calfwise.Core.Knowledge;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Tests.Pipeline;

public sealed class CountKeysTests
{
    private static readonly int?[] Ages = [null, .. Enumerable.Range(-1, 130).Select(a => (int?)a), int.MaxValue];

    private static readonly Sex?[] Sexes = [Sex.Female, Sex.Male, null, (Sex)7];

    [Fact]
    public void A_patient_key_is_the_band_and_sex_composed()
    {
        foreach (var age in Ages)
        {
            foreach (var sex in Sexes)
            {
                Assert.Equal($"{HitRow.Band(age)}|{HitRow.SexId(sex)}", CountKeys.Patient(CountKeys.Index(age, sex)));
            }
        }
    }

    [Fact]
    public void A_rule_key_is_the_rule_band_and_sex_composed_for_every_rule_and_one_of_another_list()
    {
        var other = new ScreeningRule("not-listed", "A rule of no list", []);
        var twin = ScreeningRules.All[0] with { Title = "Another object of the same id" };
        foreach (var rule in ScreeningRules.All.Append(other).Append(twin))
        {
            foreach (var age in Ages)
            {
                foreach (var sex in Sexes)
                {
                    Assert.Equal($"{rule.Id}|{HitRow.Band(age)}|{HitRow.SexId(sex)}", CountKeys.Rule(rule, CountKeys.Index(age, sex)));
                }
            }
        }
    }

    [Fact]
    public void The_bands_are_those_the_ages_fall_in()
    {
        Assert.Equal(["unknown", "0-17", "18-34", "35-49", "50-64", "65-79", "80+"], HitRow.Bands);
        Assert.Equal(
            ["unknown", "0-17", "0-17", "18-34", "18-34", "35-49", "35-49", "50-64", "50-64", "65-79", "65-79", "80+", "80+"],
            new int?[] { null, 0, 17, 18, 34, 35, 49, 50, 64, 65, 79, 80, 130 }.Select(HitRow.Band));
    }
}
