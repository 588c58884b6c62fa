using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>
/// A unit written as its exact code is found without making its key: it must be the unit the key finds, for every
/// analyte and spelling. And the allocation-free check of a case's limits must agree with the check that lists errors.
/// </summary>
public sealed class UnitLookupTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;

    public static TheoryData<string> AnalyteIds() => [.. Knowledge.Analytes.Select(a => a.Id)];

    [Theory]
    [MemberData(nameof(AnalyteIds))]
    public void Every_spelling_of_every_unit_finds_what_the_key_finds(string analyteId)
    {
        var analyte = Knowledge.AnalytesById[analyteId];
        var spellings = analyte.AllUnits
            .SelectMany(u => new[]
            {
                u.Code, u.Code.ToUpperInvariant(), $" {u.Code} ", UnitText.Display(u.Code), u.Code.Replace("u", "mc", StringComparison.Ordinal),
                u.Code.Replace("u", "\u03BC", StringComparison.Ordinal), u.Code + "x", u.Code.Replace("/", " / ", StringComparison.Ordinal),
            })
            .Concat(["percent", "fraction", "", "mg/dL", "mmol/L", "ug/L", "IU/L"]);
        foreach (var written in spellings)
        {
            Assert.Same(UnitConverter.FindByKey(analyte, written), UnitConverter.Find(analyte, written));
        }

        Assert.All(analyte.AllUnits, u => Assert.Same(u, UnitConverter.Find(analyte, u.Code)));
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(CaseLimits.MaxText, CaseLimits.MaxText, CaseLimits.MaxText, CaseLimits.MaxText)]
    [InlineData(CaseLimits.MaxText + 1, 0, 0, 0)]
    [InlineData(0, CaseLimits.MaxText + 1, 0, 0)]
    [InlineData(0, 0, CaseLimits.MaxText + 1, 0)]
    [InlineData(0, 0, 0, CaseLimits.MaxText + 1)]
    public void Within_the_limits_exactly_when_the_check_finds_no_error(int finding, int medicine, int unit, int dontKnow)
    {
        var input = new PatientCase(
            40,
            Sex.Female,
            null,
            new Dictionary<string, bool> { [new string('f', Math.Max(finding, 1))] = true },
            [new string('m', Math.Max(medicine, 1))],
            [new LabInput("ferritin", 20, new string('u', Math.Max(unit, 1)))],
            null)
        {
            DontKnow = new HashSet<string> { new('d', Math.Max(dontKnow, 1)) },
        };

        Assert.Equal(CaseLimits.Check(input).Count == 0, CaseLimits.Within(input));
    }

    [Theory]
    [InlineData(CaseLimits.MaxFindings, CaseLimits.MaxLabs, CaseLimits.MaxMedications)]
    [InlineData(CaseLimits.MaxFindings + 1, 0, 0)]
    [InlineData(0, CaseLimits.MaxLabs + 1, 0)]
    [InlineData(0, 0, CaseLimits.MaxMedications + 1)]
    public void Within_the_counts_exactly_when_the_check_finds_no_error(int findings, int labs, int medicines)
    {
        var input = new PatientCase(
            40,
            Sex.Female,
            null,
            Enumerable.Range(0, findings).ToDictionary(i => $"f{i}", _ => true),
            [.. Enumerable.Range(0, medicines).Select(i => $"m{i}")],
            [.. Enumerable.Range(0, labs).Select(_ => new LabInput("ferritin", 20, "ug/L"))],
            null);

        Assert.Equal(CaseLimits.Check(input).Count == 0, CaseLimits.Within(input));
    }
}
