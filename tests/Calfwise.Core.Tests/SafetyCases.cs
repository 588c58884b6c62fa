using System.Collections.Immutable;
using System.Globalization;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using FsCheck;
using FsCheck.Fluent;

namespace Calfwise.Core.Tests;

/// <summary>The person a built case is about.</summary>
internal sealed record Person(Sex Sex, decimal Age, bool Pregnant)
{
    public PatientCase Case(IReadOnlyList<LabInput> labs) =>
        new(Age, Sex, Sex == Sex.Female ? Pregnant : null, new Dictionary<string, bool>(), [], labs, null);
}

/// <summary>A random case, printed readably when FsCheck reports a counterexample.</summary>
public sealed record RandomCase(PatientCase Case)
{
    public override string ToString() => SafetyCases.Describe(Case);
}

/// <summary>Random "noise" for a case: answers to findings (indices into the findings a rule leaves alone) and normal labs.</summary>
public sealed record Noise(ImmutableList<(int Finding, AnswerKind Answer)> Answers, ImmutableList<int> Labs)
{
    public override string ToString() => $"answers [{string.Join(", ", Answers.Select(a => $"#{a.Finding}={a.Answer}"))}], normal labs [{string.Join(", ", Labs.Select(l => $"#{l}"))}]";
}

/// <summary>Case building for the safety properties: readable descriptions, normal labs, random cases and noise.</summary>
public static class SafetyCases
{
    internal static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;
    internal static readonly AssessmentEngine Engine = new(Knowledge);

    /// <summary>Inputs of the iron treatment algorithm: a rule on any of them touches them all.</summary>
    internal static readonly string[] IronFamily = ["ferritin", "transferrin-saturation", "iron", "tibc", "hemoglobin", "crp"];

    public static string Describe(PatientCase c)
    {
        static string Join(IEnumerable<string> items) => string.Join(", ", items.Order(StringComparer.Ordinal));
        var pregnancy = c.Pregnant switch { true => " pregnant" + (c.Trimester is { } t ? $" (trimester {t})" : ""), false => " not pregnant", _ => "" };
        return $"{c.Age.ToString(CultureInfo.InvariantCulture)}y {c.Sex}{pregnancy}; yes [{Join(c.Findings.Where(f => f.Value).Select(f => f.Key))}]"
            + $"; no [{Join(c.Findings.Where(f => !f.Value).Select(f => f.Key))}]; don't know [{Join(c.DontKnow)}]"
            + $"; medications [{string.Join(", ", c.Medications)}]"
            + $"; labs [{string.Join(", ", c.Labs.Select(l => $"{l.Analyte}={l.Value.ToString(CultureInfo.InvariantCulture)} {l.Unit}"))}]";
    }

    /// <summary>Rounds to a number of significant digits, as a lab report would print a value.</summary>
    internal static decimal RoundSignificant(decimal value, int digits = 6)
    {
        if (value == 0)
        {
            return 0;
        }

        var magnitude = (int)Math.Floor(Math.Log10((double)Math.Abs(value)));
        var decimals = Math.Clamp(digits - 1 - magnitude, 0, 20);
        return decimal.Round(value, decimals, MidpointRounding.AwayFromZero);
    }

    internal static bool Possible(Analyte analyte, decimal canonical) => canonical >= analyte.MinPossible && canonical <= analyte.MaxPossible;

    /// <summary>The middle of the person's reference range in the canonical unit (null when no range applies).</summary>
    internal static decimal? Midpoint(Analyte analyte, Person person)
    {
        var rows = analyte.Ranges.Where(r => r.AppliesTo(person.Sex, person.Age, person.Pregnant, null)).ToList();
        var low = rows.Where(r => r.Low is not null).MaxBy(r => r.Specificity)?.Low;
        var high = rows.Where(r => r.High is not null).MaxBy(r => r.Specificity)?.High;
        decimal? middle = (low, high) switch
        {
            ({ } l, { } h) => (l + h) / 2,
            ({ } l, null) => l * 1.25m,
            (null, { } h) => h / 2,
            _ => null,
        };
        return middle is { } m && Possible(analyte, m) && !analyte.Critical.Any(c => c.IsCrossedBy(m, person.Pregnant))
            ? RoundSignificant(m)
            : null;
    }

    /// <summary>The findings and analytes a rule depends on, directly or through a condition or the iron plan.</summary>
    internal static (HashSet<string> Findings, HashSet<string> Analytes) Mentions(Rule rule)
    {
        var findings = new HashSet<string>(StringComparer.Ordinal);
        var analytes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in rule.Descendants())
        {
            switch (part)
            {
                case FindingRule f: findings.Add(f.FindingId); break;
                case LabStatusRule l: analytes.Add(l.AnalyteId); break;
                case LabMissingRule l: analytes.Add(l.AnalyteId); break;
                case CriticalLimitRule l: analytes.Add(l.AnalyteId); break;
                case LabThresholdRule l: analytes.Add(Knowledge.Threshold(l.ThresholdId).AnalyteId); break;
                case AnemiaRule: analytes.Add("hemoglobin"); break;
                case InflammationRule: analytes.Add("crp"); break;
                case IronPlanRule:
                    analytes.UnionWith(IronFamily);
                    findings.Add(IronPlanner.DialysisFinding);
                    break;
                case ConditionBandRule c:
                    var condition = Knowledge.ConditionsById[c.ConditionId];
                    findings.UnionWith(condition.Findings.Select(e => e.FindingId));
                    analytes.UnionWith(condition.Labs.Select(e => e.AnalyteId));
                    if (condition.Labs.Any(e => e.Inflammation != InflammationFilter.Any))
                    {
                        analytes.Add("crp");
                    }

                    break;
            }
        }

        if (analytes.Overlaps(IronFamily))
        {
            analytes.UnionWith(IronFamily);
        }

        return (findings, analytes);
    }

    /// <summary>The case with the noise added: answers to findings outside <paramref name="keep"/>, normal labs for analytes outside <paramref name="keepLabs"/>.</summary>
    internal static PatientCase AddNoise(PatientCase c, Noise noise, ISet<string> keep, ISet<string> keepLabs)
    {
        var others = Knowledge.Findings.Select(f => f.Id).Where(id => !keep.Contains(id)).ToList();
        var findings = new Dictionary<string, bool>(c.Findings, StringComparer.Ordinal);
        var dontKnow = new HashSet<string>(c.DontKnow, StringComparer.Ordinal);
        foreach (var (index, answer) in others.Count == 0 ? [] : noise.Answers)
        {
            var id = others[index % others.Count];
            if (findings.ContainsKey(id) || dontKnow.Contains(id))
            {
                continue;
            }

            _ = answer == AnswerKind.Unknown ? dontKnow.Add(id) : findings.TryAdd(id, answer == AnswerKind.Yes);
        }

        var person = new Person(c.Sex, c.Age, c.IsPregnant);
        var labs = c.Labs.ToList();
        foreach (var analyte in noise.Labs.Select(i => Knowledge.Analytes[i % Knowledge.Analytes.Count]).Distinct())
        {
            if (!keepLabs.Contains(analyte.Id) && labs.All(l => l.Analyte != analyte.Id) && Midpoint(analyte, person) is { } value)
            {
                labs.Add(new LabInput(analyte.Id, value, analyte.Canonical.Code));
            }
        }

        return c with { Findings = findings, DontKnow = dontKnow, Labs = labs };
    }

    internal static PatientCase Build(int age, Sex sex, bool? pregnant, int? trimester, IEnumerable<(string Id, AnswerKind Answer)> answers, IEnumerable<string> medications, IEnumerable<LabInput> labs)
    {
        var mayBePregnant = sex == Sex.Female && age is >= 15 and <= 50;
        var findings = new Dictionary<string, bool>(StringComparer.Ordinal);
        var dontKnow = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, answer) in answers.Where(a => !findings.ContainsKey(a.Id) && !dontKnow.Contains(a.Id)))
        {
            _ = answer == AnswerKind.Unknown ? dontKnow.Add(id) : findings.TryAdd(id, answer == AnswerKind.Yes);
        }

        var distinct = labs.DistinctBy(l => l.Analyte).ToList();
        var iron = distinct.Find(l => l.Analyte == "iron");
        var tibc = distinct.Find(l => l.Analyte == "tibc");
        if (iron is not null && tibc is not null && Canonical(iron) * 1.01m >= Canonical(tibc))
        {
            distinct.Remove(tibc);
        }

        return CaseBuilder.Person(age, sex)
            .Pregnant(mayBePregnant ? pregnant : sex == Sex.Female ? false : null, mayBePregnant && pregnant == true ? trimester : null)
            .Answers(findings)
            .DontKnow([.. dontKnow])
            .Taking([.. medications.Distinct()])
            .Labs(distinct)
            .Build();
    }

    private static decimal Canonical(LabInput lab)
    {
        var analyte = Knowledge.AnalytesById[lab.Analyte];
        return analyte.AllUnits.First(u => u.Code == lab.Unit).ToCanonical(lab.Value);
    }

    /// <summary>A value near an interesting point of the analyte (a bound, a range limit, a critical limit, a threshold), in a random unit.</summary>
    internal static LabInput RandomLab(Analyte analyte, int anchorIndex, int factor, int unitIndex)
    {
        var anchors = new List<decimal> { analyte.MinPossible, analyte.MaxPossible };
        anchors.AddRange(analyte.Ranges.SelectMany(r => new[] { r.Low, r.High }).OfType<decimal>());
        anchors.AddRange(analyte.Critical.Select(c => c.Value));
        anchors.AddRange(Knowledge.Thresholds.Values.Where(t => t.AnalyteId == analyte.Id).Select(t => t.Value));
        var anchor = anchors[anchorIndex % anchors.Count];
        var canonical = Math.Clamp(anchor * (0.5m + (factor / 1000m)), analyte.MinPossible, analyte.MaxPossible);
        var units = analyte.AllUnits.ToList();
        var unit = units[unitIndex % units.Count];
        var value = RoundSignificant(unit.FromCanonical(canonical));
        return Possible(analyte, unit.ToCanonical(value))
            ? new LabInput(analyte.Id, value, unit.Code)
            : new LabInput(analyte.Id, RoundSignificant(canonical), analyte.Canonical.Code);
    }

    internal static IEnumerable<RandomCase> Shrink(RandomCase random)
    {
        var c = random.Case;
        foreach (var id in c.Findings.Keys.Concat(c.DontKnow).Order(StringComparer.Ordinal))
        {
            yield return new RandomCase(c.WithoutAnswer(id));
        }

        for (var i = 0; i < c.Labs.Count; i++)
        {
            yield return new RandomCase(c with { Labs = c.Labs.Where((_, j) => j != i).ToList() });
        }

        for (var i = 0; i < c.Medications.Count; i++)
        {
            yield return new RandomCase(c with { Medications = c.Medications.Where((_, j) => j != i).ToList() });
        }
    }
}

/// <summary>The FsCheck generators of the safety properties.</summary>
public static class SafetyArbitraries
{
    public static Arbitrary<Noise> Noises()
    {
        var answer = Gen.Zip(Gen.Choose(0, 10_000), Gen.Elements(AnswerKind.Yes, AnswerKind.No, AnswerKind.Unknown), (f, a) => (f, a));
        var gen = from n in Gen.Choose(0, 12)
                  from answers in answer.ListOf(n)
                  from m in Gen.Choose(0, 6)
                  from labs in Gen.Choose(0, 10_000).ListOf(m)
                  select new Noise(answers.ToImmutableList(), labs.ToImmutableList());
        return Arb.From(gen, n =>
            n.Answers.Select((_, i) => n with { Answers = n.Answers.RemoveAt(i) })
                .Concat(n.Labs.Select((_, i) => n with { Labs = n.Labs.RemoveAt(i) })));
    }

    /// <summary>Random valid cases: any age and sex, pregnancy where plausible, findings yes/no/don't know, medications, labs within possible bounds in any accepted unit.</summary>
    public static Arbitrary<RandomCase> Cases()
    {
        var findingIds = SafetyCases.Knowledge.Findings.Select(f => f.Id).ToArray();
        var drugs = SafetyCases.Knowledge.MedicationClasses.SelectMany(c => c.Drugs).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        // Half the answers are to findings a red flag or its interview triggers use, so "don't know" meets the flags often.
        var flagged = SafetyCases.Knowledge.RedFlags.SelectMany(f => f.When.Descendants().OfType<FindingRule>().Select(r => r.FindingId))
            .Concat(SafetyCases.Knowledge.Interview.RedFlagTriggers.SelectMany(t => t.AskWhen)).Distinct().ToArray();
        var finding = flagged.Length == 0 ? Gen.Elements(findingIds) : Gen.Frequency((1, Gen.Elements(findingIds)), (1, Gen.Elements(flagged)));
        var answer = Gen.Zip(finding, Gen.Elements(AnswerKind.Yes, AnswerKind.No, AnswerKind.Unknown), (f, a) => (f, a));
        var lab = from analyte in Gen.Elements(SafetyCases.Knowledge.Analytes.ToArray())
                  from anchor in Gen.Choose(0, 1000)
                  from factor in Gen.Choose(0, 1000)
                  from unit in Gen.Choose(0, 100)
                  select SafetyCases.RandomLab(analyte, anchor, factor, unit);
        var gen = from age in Gen.Frequency((1, Gen.Choose(0, 17)), (4, Gen.Choose(18, 100)))
                  from male in Gen.Elements(false, true)
                  from pregnant in Gen.Elements<bool?>(null, false, true, true)
                  from trimester in Gen.Elements<int?>(null, 1, 2, 3)
                  from n in Gen.Choose(0, 14)
                  from answers in answer.ListOf(n)
                  from m in Gen.Choose(0, 2)
                  from medications in Gen.Elements(drugs).ListOf(m)
                  from k in Gen.Choose(0, 5)
                  from labs in lab.ListOf(k)
                  select new RandomCase(SafetyCases.Build(age, male ? Sex.Male : Sex.Female, pregnant, trimester, answers, medications, labs));
        return Arb.From(gen, SafetyCases.Shrink);
    }
}
