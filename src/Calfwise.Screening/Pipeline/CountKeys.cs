using Calfwise.Core.Knowledge;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// The keys of a bucket's counts (<see cref="AssessCounts"/>): "band|sex" and "rule|band|sex", each made once instead
/// of once per patient and per hit. The same strings as composing them each time.
/// </summary>
internal static class CountKeys
{
    /// <summary>The sexes of the keys, by their place: female, male, then unknown.</summary>
    private const int Sexes = 3;

    /// <summary>"band|sex" by <see cref="Index"/>.</summary>
    private static readonly string[] Patients = MakePatients();

    /// <summary>"rule|band|sex" by the rule's place in <see cref="ScreeningRules.All"/> and <see cref="Index"/>.</summary>
    private static readonly string[][] Rules = [.. ScreeningRules.All.Select(rule => Patients.Select(key => $"{rule.Id}|{key}").ToArray())];

    /// <summary>The place of a patient's "band|sex" key.</summary>
    public static int Index(int? age, Sex? sex) => (HitRow.BandIndex(age) * Sexes) + (sex is Sex.Female ? 0 : sex is Sex.Male ? 1 : 2);

    /// <summary>"band|sex" of the key at <paramref name="index"/>.</summary>
    public static string Patient(int index) => Patients[index];

    /// <summary>"rule|band|sex" of <paramref name="rule"/> and the key at <paramref name="index"/>.</summary>
    public static string Rule(ScreeningRule rule, int index)
    {
        var place = RuleIndex(rule);
        return place >= 0 ? Rules[place][index] : $"{rule.Id}|{Patients[index]}";
    }

    /// <summary>The place of <paramref name="rule"/> in <see cref="ScreeningRules.All"/> (the same object), or -1.</summary>
    public static int RuleIndex(ScreeningRule rule)
    {
        var all = ScreeningRules.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (ReferenceEquals(all[i], rule))
            {
                return i;
            }
        }

        return -1;
    }

    private static string[] MakePatients()
    {
        var keys = new string[HitRow.Bands.Count * Sexes];
        Sex?[] sexes = [Sex.Female, Sex.Male, null];
        for (var band = 0; band < HitRow.Bands.Count; band++)
        {
            foreach (var sex in sexes)
            {
                keys[(band * Sexes) + Index(null, sex)] = $"{HitRow.Bands[band]}|{HitRow.SexId(sex)}";
            }
        }

        return keys;
    }
}
