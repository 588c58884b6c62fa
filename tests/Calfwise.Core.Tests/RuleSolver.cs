using System.Collections.Immutable;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>What a lab must be for a rule: candidate canonical values (null: not given) and a test each candidate must pass.</summary>
internal sealed record LabGoal(string Analyte, Func<Person, IEnumerable<decimal?>> Candidates, Func<Person, decimal?, bool> Accepts);

/// <summary>A partial case that makes (part of) a rule hold.</summary>
internal sealed record Spec(
    ImmutableDictionary<string, AnswerKind> Findings,
    ImmutableHashSet<string> Classes,
    ImmutableHashSet<string> NoClasses,
    ImmutableList<LabGoal> Labs,
    Sex? Sex,
    bool? Pregnant,
    decimal MinAge,
    decimal MaxAge)
{
    public static readonly Spec Empty = new(ImmutableDictionary<string, AnswerKind>.Empty, [], [], [], null, null, 0, CaseValidator.MaxAge + 1);

    public Spec? Merge(Spec other)
    {
        var findings = Findings;
        foreach (var (id, kind) in other.Findings)
        {
            if (findings.TryGetValue(id, out var mine) && mine != kind)
            {
                return null;
            }

            findings = findings.SetItem(id, kind);
        }

        var classes = Classes.Union(other.Classes);
        var noClasses = NoClasses.Union(other.NoClasses);
        var (min, max) = (Math.Max(MinAge, other.MinAge), Math.Min(MaxAge, other.MaxAge));
        return (Sex is { } s && other.Sex is { } o && s != o) || (Pregnant is { } p && other.Pregnant is { } q && p != q) || classes.Overlaps(noClasses) || min >= max
            ? null
            : new Spec(findings, classes, noClasses, Labs.AddRange(other.Labs), Sex ?? other.Sex, Pregnant ?? other.Pregnant, min, max);
    }
}

/// <summary>
/// Builds minimal cases that make a rule hold (or not hold) by walking it: the branches of an 'any' in order, every
/// branch of an 'all'. Candidates are lazy; <see cref="Fire"/> returns the first that makes the engine fire the flag.
/// </summary>
internal static class RuleSolver
{
    private static readonly KnowledgeBase Knowledge = SafetyCases.Knowledge;

    /// <summary>A minimal valid case on which the flag fires, or null when the solver finds none.</summary>
    public static PatientCase? Fire(RedFlag flag) =>
        Solve(flag.When, holds: true).Take(400)
            .Select(Materialize)
            .OfType<PatientCase>()
            .FirstOrDefault(c => SafetyCases.Engine.Assess(c) is { Value: { } a } && a.RedFlags.Any(f => f.Id == flag.Id));

    private static IEnumerable<Spec> Solve(Rule rule, bool holds) => rule switch
    {
        AllRule all => holds ? Product(all.Rules.Select(r => Solve(r, true))) : all.Rules.SelectMany(r => Solve(r, false)),
        AnyRule any => holds ? any.Rules.SelectMany(r => Solve(r, true)) : Product(any.Rules.Select(r => Solve(r, false))),
        NotRule not => Solve(not.Inner, !holds),
        FindingRule f => (holds ? [f.Answer] : new[] { AnswerKind.Unknown, AnswerKind.No, AnswerKind.Yes }.Where(k => k != f.Answer))
            .Select(k => Spec.Empty with { Findings = ImmutableDictionary<string, AnswerKind>.Empty.Add(f.FindingId, k) }),
        LabThresholdRule t => Threshold(Knowledge.Threshold(t.ThresholdId), t.Comparison, holds),
        CriticalLimitRule c => holds
            ? [Lab(c.AnalyteId, _ => Near(c.Limit.Value, c.Limit.Comparison), (p, v) => v is { } x && c.Limit.IsCrossedBy(x, p.Pregnant)) with { Pregnant = c.Limit.Pregnant }]
            : [Missing(c.AnalyteId)],
        LabStatusRule s => Read(s.AnalyteId, holds, a => a.Labs.First(l => l.Analyte == s.AnalyteId).Status is var status && s.Statuses.Contains(status)),
        LabMissingRule m => holds ? [Missing(m.AnalyteId)] : [Lab(m.AnalyteId, p => Candidates(m.AnalyteId, p), (_, v) => v is not null)],
        AnemiaRule a => Read("hemoglobin", holds, r => (a.SevereOnly ? r.Iron.SevereAnemia : r.Iron.Anemia) == true),
        InflammationRule i => Read("crp", holds, r => r.Iron.Inflammation == i.Present),
        IronPlanRule plan => IronPlans(plan.Plan, holds),
        MedicationClassRule m => [holds ? Spec.Empty with { Classes = [m.ClassId] } : Spec.Empty with { NoClasses = [m.ClassId] }],
        SexRule s => [Spec.Empty with { Sex = holds ? s.Sex : s.Sex == Sex.Male ? Sex.Female : Sex.Male }],
        PregnantRule p => [Spec.Empty with { Pregnant = p.Pregnant == holds, Sex = p.Pregnant == holds ? Sex.Female : null }],
        AgeRule a => [a.AtLeast == holds ? Spec.Empty with { MinAge = a.Years } : Spec.Empty with { MaxAge = a.Years }],
        ConditionBandRule c => holds ? [ConditionEvidence(c.ConditionId)] : [Spec.Empty],
        _ => [],
    };

    private static IEnumerable<Spec> Product(IEnumerable<IEnumerable<Spec>> parts)
    {
        IEnumerable<Spec> combined = [Spec.Empty];
        foreach (var part in parts)
        {
            var options = part;
            combined = combined.SelectMany(c => options.Select(c.Merge)).OfType<Spec>();
        }

        return combined;
    }

    private static Spec Lab(string analyte, Func<Person, IEnumerable<decimal?>> candidates, Func<Person, decimal?, bool> accepts) =>
        Spec.Empty with { Labs = [new LabGoal(analyte, candidates, accepts)] };

    private static Spec Missing(string analyte) => Lab(analyte, _ => [null], (_, v) => v is null);

    private static IEnumerable<Spec> Threshold(Threshold threshold, Comparison comparison, bool holds) => holds
        ? [Lab(threshold.AnalyteId, _ => Near(threshold.Value, comparison), (_, v) => v is { } x && comparison.Holds(x, threshold.Value))]
        : [Missing(threshold.AnalyteId), Lab(threshold.AnalyteId, p => Candidates(threshold.AnalyteId, p), (_, v) => v is { } x && !comparison.Holds(x, threshold.Value))];

    /// <summary>A rule read from the assessment of a one-lab case (status, anaemia, inflammation).</summary>
    private static IEnumerable<Spec> Read(string analyte, bool holds, Func<Assessment, bool> test)
    {
        bool Accepts(Person p, decimal? v) =>
            v is { } x && SafetyCases.Engine.Assess(p.Case([new LabInput(analyte, x, Knowledge.AnalytesById[analyte].Canonical.Code)])).Value is { } a && test(a) == holds;
        var lab = Lab(analyte, p => Candidates(analyte, p), Accepts);
        return holds ? [lab] : [Missing(analyte), lab];
    }

    /// <summary>Values just beyond a limit in the canonical unit: 5% past it, then further, then the limit itself.</summary>
    private static IEnumerable<decimal?> Near(decimal limit, Comparison comparison) => comparison switch
    {
        Comparison.Below or Comparison.AtMost => [limit * 0.95m, limit * 0.5m, limit - 1, limit],
        _ => [limit * 1.05m, limit * 2, limit + 1, limit],
    };

    /// <summary>Values worth trying for an analyte: around the person's range, the critical limits and the thresholds.</summary>
    private static IEnumerable<decimal?> Candidates(string analyteId, Person person)
    {
        var analyte = Knowledge.AnalytesById[analyteId];
        var rows = analyte.Ranges.Where(r => r.AppliesTo(person.Sex, person.Age, person.Pregnant, null)).ToList();
        var points = new List<decimal>();
        if (SafetyCases.Midpoint(analyte, person) is { } middle)
        {
            points.Add(middle);
        }

        foreach (var low in rows.Select(r => r.Low).OfType<decimal>())
        {
            points.AddRange([low * 0.99m, low * 0.95m, low * 0.9m, low * 0.8m, low * 0.5m]);
        }

        foreach (var high in rows.Select(r => r.High).OfType<decimal>())
        {
            points.AddRange([high * 1.01m, high * 1.05m, high * 1.1m, high * 1.5m, high * 2]);
        }

        points.AddRange(analyte.Critical.SelectMany(c => Near(c.Value, c.Comparison)).OfType<decimal>());
        points.AddRange(Knowledge.Thresholds.Values.Where(t => t.AnalyteId == analyteId).SelectMany(t => new[] { t.Value * 0.95m, t.Value * 1.05m }));
        points.Add(1);
        return points.Select(p => (decimal?)p);
    }

    /// <summary>Every ferritin / TSAT / dialysis combination around the thresholds that gives (or avoids) the plan for a default adult.</summary>
    private static IEnumerable<Spec> IronPlans(IronPlan plan, bool holds)
    {
        static IEnumerable<decimal?> Around(string analyte) => Knowledge.Thresholds.Values.Where(t => t.AnalyteId == analyte)
            .SelectMany(t => new decimal?[] { t.Value * 0.95m, t.Value * 1.05m }).Prepend(null).Distinct();
        var adult = new Person(Sex.Female, 40, false);
        foreach (var dialysis in new[] { false, true })
        {
            foreach (var ferritin in Around("ferritin"))
            {
                foreach (var tsat in Around("transferrin-saturation"))
                {
                    var labs = new[] { ("ferritin", ferritin), ("transferrin-saturation", tsat) };
                    var inputs = labs.Where(l => l.Item2 is not null).Select(l => new LabInput(l.Item1, l.Item2!.Value, Knowledge.AnalytesById[l.Item1].Canonical.Code)).ToList();
                    var findings = dialysis ? new Dictionary<string, bool> { [IronPlanner.DialysisFinding] = true } : new Dictionary<string, bool>();
                    if (SafetyCases.Engine.Assess(adult.Case(inputs) with { Findings = findings }).Value is { } a && (a.Iron.Plan == plan) == holds)
                    {
                        var spec = labs.Aggregate(Spec.Empty, (s, l) => s with { Labs = s.Labs.Add(new LabGoal(l.Item1, _ => [l.Item2], (_, v) => v == l.Item2)) });
                        yield return dialysis ? spec with { Findings = spec.Findings.Add(IronPlanner.DialysisFinding, AnswerKind.Yes) } : spec;
                    }
                }
            }
        }
    }

    /// <summary>Every finding that raises the condition answered so (yes when present raises it, no when absent does).</summary>
    private static Spec ConditionEvidence(string conditionId)
    {
        var findings = ImmutableDictionary<string, AnswerKind>.Empty;
        foreach (var e in Knowledge.ConditionsById[conditionId].Findings)
        {
            findings = e.Present > 1 ? findings.SetItem(e.FindingId, AnswerKind.Yes) : e.Absent > 1 ? findings.SetItem(e.FindingId, AnswerKind.No) : findings;
        }

        return Spec.Empty with { Findings = findings };
    }

    /// <summary>The case for a spec: a woman of 40 (not pregnant) unless the spec says otherwise; null when it cannot be built.</summary>
    private static PatientCase? Materialize(Spec spec)
    {
        var sex = spec.Sex ?? Sex.Female;
        var upper = Math.Min(spec.MaxAge - 1, CaseValidator.MaxAge);
        var age = spec.MinAge > upper ? (spec.MinAge + Math.Min(spec.MaxAge, CaseValidator.MaxAge)) / 2 : Math.Clamp(40m, spec.MinAge, upper);
        if ((spec.Pregnant == true && sex == Sex.Male) || age > CaseValidator.MaxAge)
        {
            return null;
        }

        var person = new Person(sex, age, spec.Pregnant == true);
        var medications = new List<string>();
        foreach (var id in spec.Classes)
        {
            var drug = Knowledge.MedicationClassesById[id].Drugs.FirstOrDefault(d => !Knowledge.DrugClasses[d].Any(c => spec.NoClasses.Contains(c.Id)));
            if (drug is null)
            {
                return null;
            }

            medications.Add(drug);
        }

        var labs = new List<LabInput>();
        foreach (var goals in spec.Labs.GroupBy(g => g.Analyte))
        {
            var analyte = Knowledge.AnalytesById[goals.Key];
            var candidates = goals.SelectMany(g => g.Candidates(person))
                .Select(v => v is { } x ? SafetyCases.RoundSignificant(x) : (decimal?)null)
                .Where(v => v is null || SafetyCases.Possible(analyte, v.Value))
                .Distinct();
            var chosen = candidates.Select(v => (Value: v, Ok: goals.All(g => g.Accepts(person, v)))).FirstOrDefault(c => c.Ok);
            if (!chosen.Ok)
            {
                return null;
            }

            if (chosen.Value is { } value)
            {
                labs.Add(new LabInput(analyte.Id, value, analyte.Canonical.Code));
            }
        }

        var findings = spec.Findings.Where(f => f.Value != AnswerKind.Unknown).ToDictionary(f => f.Key, f => f.Value == AnswerKind.Yes, StringComparer.Ordinal);
        return person.Case(labs) with { Findings = findings, Medications = medications };
    }
}
