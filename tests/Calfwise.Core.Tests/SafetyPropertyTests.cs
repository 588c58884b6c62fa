using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using FsCheck;
using FsCheck.Xunit;
using Xunit.Abstractions;

namespace Calfwise.Core.Tests;

/// <summary>
/// Safety invariants generated from the knowledge base itself, so a new critical limit or red flag is covered
/// without a new test: critical limits fire just beyond themselves in every unit, every red flag survives unrelated
/// answers and normal labs, the triage banner is the highest fired flag or possible condition, and "don't know"
/// never lowers triage. Case building lives in <see cref="SafetyCases"/> and <see cref="RuleSolver"/>.
/// </summary>
public sealed class SafetyPropertyTests(ITestOutputHelper output)
{
    /// <summary>Red flags the rule solver may fail to build a case for before the test fails.</summary>
    private const int MaxUnsolvedFlags = 3;

    private static readonly KnowledgeBase Knowledge = SafetyCases.Knowledge;
    private static readonly AssessmentEngine Engine = SafetyCases.Engine;

    private static readonly Lazy<IReadOnlyList<(Analyte Analyte, CriticalLimit Limit)>> Limits = new(() =>
        Knowledge.Analytes.SelectMany(a => a.Critical.Select(l => (a, l))).ToList());

    /// <summary>Each red flag with the minimal case the solver built for it (null when none) and what its rule mentions.</summary>
    private static readonly Lazy<IReadOnlyList<(RedFlag Flag, PatientCase? Case, HashSet<string> Findings, HashSet<string> Analytes)>> Solved = new(() =>
        Knowledge.RedFlags.Select(f =>
        {
            var (findings, analytes) = SafetyCases.Mentions(f.When);
            return (f, RuleSolver.Fire(f), findings, analytes);
        }).ToList());

    private static Person PersonFor(CriticalLimit limit) => limit.Pregnant == true ? new(Sex.Female, 30, true) : new(Sex.Female, 40, false);

    private static Assessment AssessValid(PatientCase c)
    {
        var outcome = Engine.Assess(c);
        Assert.True(outcome.Errors.Count == 0, $"built an invalid case ({string.Join("; ", outcome.Errors)}): {SafetyCases.Describe(c)}");
        return outcome.Valid();
    }

    private static string Fired(Assessment a) => string.Join(", ", a.RedFlags.Select(f => $"{f.Id} ({f.Level})"));

    /// <summary>Checks one lab value against a critical limit; returns a failure message or null.</summary>
    private static string? CheckLimit(Analyte analyte, CriticalLimit limit, LabUnit unit, decimal canonical, bool beyond)
    {
        var value = SafetyCases.RoundSignificant(unit.FromCanonical(canonical));
        if (limit.Comparison.Holds(unit.ToCanonical(value), limit.Value) != beyond)
        {
            return $"{limit.Id}: test rounding moved {value} {unit.Code} to the other side of {limit.Value}";
        }

        var c = PersonFor(limit).Case([new LabInput(analyte.Id, value, unit.Code)]);
        var outcome = Engine.Assess(c);
        if (outcome.Value is not { } a)
        {
            return $"{limit.Id}: {analyte.Id}={value} {unit.Code} rejected: {string.Join("; ", outcome.Errors)}";
        }

        var fired = a.RedFlags.Any(f => f.Id == limit.Id);
        return beyond && (!fired || a.Triage.Level < limit.Level)
            ? $"{limit.Id} ({limit.Comparison} {limit.Value}, {limit.Level}): {SafetyCases.Describe(c)} gave triage {a.Triage.Level}, flags [{Fired(a)}]; expected the flag and at least {limit.Level}"
            : !beyond && fired
                ? $"{limit.Id} ({limit.Comparison} {limit.Value}): {SafetyCases.Describe(c)} is inside the limit but fired it"
                : null;
    }

    [Fact]
    public void Every_critical_limit_fires_just_beyond_it_in_every_unit_and_not_just_inside()
    {
        var (checks, skipped, failures) = (0, 0, new List<string>());
        foreach (var (analyte, limit) in Limits.Value)
        {
            Assert.Contains(Knowledge.RedFlags, f => f.Id == limit.Id && f.Level == limit.Level);
            var step = Math.Max(Math.Abs(limit.Value) * 0.005m, 0.0001m);
            var below = limit.Comparison is Comparison.Below or Comparison.AtMost;
            var samples = new List<(decimal Canonical, bool Beyond, LabUnit? OnlyUnit)>
            {
                (below ? limit.Value - step : limit.Value + step, true, null),
                (below ? limit.Value + step : limit.Value - step, false, null),
                (limit.Value, limit.Comparison is Comparison.AtLeast or Comparison.AtMost, analyte.Canonical),
            };
            foreach (var unit in analyte.AllUnits)
            {
                foreach (var (canonical, beyond, only) in samples.Where(s => s.OnlyUnit is null || s.OnlyUnit == unit))
                {
                    if (!SafetyCases.Possible(analyte, canonical))
                    {
                        skipped++;
                        continue;
                    }

                    checks++;
                    if (CheckLimit(analyte, limit, unit, canonical, beyond) is { } failure)
                    {
                        failures.Add(failure);
                    }
                }
            }
        }

        output.WriteLine($"{Limits.Value.Count} critical limits on {Limits.Value.Select(l => l.Analyte).Distinct().Count()} analytes, "
            + $"{Limits.Value.Sum(l => l.Analyte.AllUnits.Count())} limit-unit pairs: {checks} values checked, {skipped} outside the possible bounds skipped");
        failures.ForEach(output.WriteLine);
        Assert.True(Limits.Value.Count > 0, "the knowledge base has no critical limits");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Property(MaxTest = 500)]
    public void Any_value_beyond_a_critical_limit_fires_it_and_any_value_inside_does_not(NonNegativeInt limitIndex, NonNegativeInt unitIndex, NonNegativeInt distance)
    {
        var (analyte, limit) = Limits.Value[limitIndex.Get % Limits.Value.Count];
        var units = analyte.AllUnits.ToList();
        var unit = units[unitIndex.Get % units.Count];
        var offset = Math.Max(Math.Abs(limit.Value) * (0.005m + (distance.Get % 1000 / 1000m)), 0.0001m);
        var below = limit.Comparison is Comparison.Below or Comparison.AtMost;
        foreach (var (canonical, beyond) in new[] { (below ? limit.Value - offset : limit.Value + offset, true), (below ? limit.Value + offset : limit.Value - offset, false) })
        {
            if (SafetyCases.Possible(analyte, canonical) && CheckLimit(analyte, limit, unit, canonical, beyond) is { } failure)
            {
                Assert.Fail(failure);
            }
        }
    }

    [Fact]
    public void The_rule_solver_builds_a_firing_case_for_almost_every_red_flag()
    {
        foreach (var (flag, c, _, _) in Solved.Value)
        {
            output.WriteLine(c is null ? $"SKIPPED {flag.Id} ({flag.Level}): the solver found no case that fires it" : $"{flag.Id} ({flag.Level}): {SafetyCases.Describe(c)}");
        }

        var unsolved = Solved.Value.Where(s => s.Case is null).Select(s => s.Flag.Id).ToList();
        output.WriteLine($"{Solved.Value.Count - unsolved.Count} of {Solved.Value.Count} red flags fired by a built case; skipped: [{string.Join(", ", unsolved)}]");
        Assert.True(Solved.Value.Count > 0, "the knowledge base has no red flags");
        Assert.True(unsolved.Count <= MaxUnsolvedFlags, $"the solver could not fire {unsolved.Count} red flags (at most {MaxUnsolvedFlags} allowed): {string.Join(", ", unsolved)}");
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(SafetyArbitraries)])]
    public void Unrelated_answers_dont_know_and_normal_labs_never_lower_a_fired_red_flag(Noise noise)
    {
        foreach (var (flag, c, findings, analytes) in Solved.Value)
        {
            if (c is null)
            {
                continue;
            }

            var noisy = SafetyCases.AddNoise(c, noise, findings, analytes);
            var a = AssessValid(noisy);
            Assert.True(a.Triage.Level >= flag.Level,
                $"{flag.Id} ({flag.Level}) fires on {SafetyCases.Describe(c)}, but with unrelated answers and normal labs, {SafetyCases.Describe(noisy)}, "
                + $"triage is {a.Triage.Level} (expected at least {flag.Level}); fired: [{Fired(a)}]");
        }
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(SafetyArbitraries)])]
    public void Triage_is_the_highest_fired_red_flag_or_possible_condition_and_each_flag_fires_once(RandomCase random)
    {
        var a = AssessValid(random.Case);
        var possible = Knowledge.Bands["possible"].Probability;
        var highestFlag = a.RedFlags.Select(f => f.Level).DefaultIfEmpty(TriageLevel.SelfCare).Max();
        var highestCondition = a.Differential.Where(c => c.Probability >= possible).Select(c => c.Triage).DefaultIfEmpty(TriageLevel.SelfCare).Max();
        var expected = TriageLevels.Max(highestFlag, highestCondition);
        Assert.True(a.Triage.Level == expected, $"triage {a.Triage.Level}, expected {expected} (highest fired flag {highestFlag}: [{Fired(a)}]; highest possible condition {highestCondition})");
        var repeated = a.RedFlags.GroupBy(f => f.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"red flags listed more than once: {string.Join(", ", repeated)}");
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(SafetyArbitraries)])]
    public void Dont_know_never_gives_a_lower_triage_than_no_answer_at_all(RandomCase random)
    {
        foreach (var id in random.Case.Findings.Keys.Order(StringComparer.Ordinal))
        {
            var dontKnow = AssessValid(random.Case.WithDontKnow(id));
            var removed = AssessValid(random.Case.WithoutAnswer(id));
            Assert.True(dontKnow.Triage.Level >= removed.Triage.Level,
                $"'{id}' answered don't know gives {dontKnow.Triage.Level} (fired [{Fired(dontKnow)}]) but removed gives {removed.Triage.Level} (fired [{Fired(removed)}])");
        }
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(SafetyArbitraries)])]
    public void Adding_dont_know_answers_never_lowers_triage(RandomCase random, NonNegativeInt[] extra)
    {
        var c = random.Case;
        var added = extra.Select(i => Knowledge.Findings[i.Get % Knowledge.Findings.Count].Id).Where(id => !c.WasAsked(id)).ToHashSet(StringComparer.Ordinal);
        var before = AssessValid(c);
        var after = AssessValid(c with { DontKnow = c.DontKnow.Union(added).ToHashSet(StringComparer.Ordinal) });
        Assert.True(after.Triage.Level >= before.Triage.Level,
            $"adding don't know [{string.Join(", ", added.Order(StringComparer.Ordinal))}] lowered triage from {before.Triage.Level} (fired [{Fired(before)}]) to {after.Triage.Level} (fired [{Fired(after)}])");
    }
}
