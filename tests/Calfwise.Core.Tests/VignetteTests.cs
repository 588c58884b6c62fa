using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>Clinical behaviour pinned by cases written from the guidelines (see Vignettes/README.md).</summary>
public sealed class VignetteTests
{
    private static readonly AssessmentEngine Engine = new(EmbeddedKnowledge.Instance);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Vignette.All().Select(v => v.File))
        {
            data.Add(file);
        }

        return data;
    }

    [Fact]
    public void There_are_at_least_forty_vignettes_covering_every_condition_and_triage_level()
    {
        var vignettes = Vignette.All();
        Assert.True(vignettes.Count >= 40, $"only {vignettes.Count} vignettes");
        var expectedTop = vignettes.SelectMany(v => v.Top.Append(v.First ?? "")).ToHashSet();
        var missing = EmbeddedKnowledge.Instance.Conditions.Select(c => c.Id).Where(id => !expectedTop.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "conditions no vignette expects at the top: " + string.Join(", ", missing));
        var levels = vignettes.Select(v => v.Triage).ToHashSet();
        Assert.All(TriageLevels.All, level => Assert.Contains(level, levels));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Vignette_reaches_the_expected_conclusion(string file)
    {
        var vignette = Vignette.Load(file);
        var assessment = vignette.Assess(Engine);
        var problems = vignette.Check(assessment);
        Assert.True(problems.Count == 0, $"{vignette.Name} ({file}):\n  " + string.Join("\n  ", problems) + "\n" + Vignette.Describe(assessment));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_vignette_never_expects_triage_below_a_red_flag_it_expects(string file)
    {
        // The expectations are written from the guidelines by hand: a vignette that expects a red flag and a lower
        // triage contradicts itself, and would make the vignette check pass for the wrong reason.
        var vignette = Vignette.Load(file);
        foreach (var id in vignette.RedFlags)
        {
            var flag = Assert.Single(Engine.Knowledge.RedFlags, f => f.Id == id);
            Assert.True(vignette.Triage >= flag.Level, $"{file} expects red flag {id} ({flag.Level.ToId()}) but triage {vignette.Triage.ToId()}");
        }
    }
}

/// <summary>One vignette file: a case and its expected conclusions.</summary>
internal sealed record Vignette(
    string File,
    string Name,
    JsonElement Case,
    IReadOnlyList<string> Top,
    string? First,
    IReadOnlyList<string> NotTop,
    TriageLevel Triage,
    IReadOnlyList<string> RedFlags,
    bool NoRedFlags,
    IReadOnlyList<string> Recommend,
    IReadOnlyList<string> Avoid,
    IReadOnlyDictionary<string, string> Labs,
    string? IronPlan,
    string? Criteria)
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Vignettes");

    public static IReadOnlyList<Vignette> All() =>
        Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(f => Load(Path.GetFileName(f))).ToList();

    public static Vignette Load(string file)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(Folder, file)));
        var root = document.RootElement;
        var expect = root.GetProperty("expect");
        IReadOnlyList<string> List(string name) =>
            expect.TryGetProperty(name, out var value) ? value.EnumerateArray().Select(v => v.GetString()!).ToList() : [];
        string? Text(string name) => expect.TryGetProperty(name, out var value) ? value.GetString() : null;
        if (!TriageLevels.TryParse(Text("triage"), out var triage))
        {
            throw new InvalidDataException($"{file}: expect.triage must be a triage level");
        }

        var labs = expect.TryGetProperty("labs", out var labElement)
            ? labElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : new Dictionary<string, string>();
        return new Vignette(
            file,
            root.GetProperty("name").GetString()!,
            root.GetProperty("case").Clone(),
            List("top"),
            Text("first"),
            List("notTop"),
            triage,
            List("redFlags"),
            expect.TryGetProperty("noRedFlags", out var none) && none.GetBoolean(),
            List("recommend"),
            List("avoid"),
            labs,
            Text("ironPlan"),
            Text("criteria"));
    }

    public PatientCase ReadCase(KnowledgeBase knowledge)
    {
        var read = CaseJson.Read(Case.GetRawText(), knowledge, TestDates.Today);
        return read.IsValid ? read.Case! : throw new InvalidDataException($"{File}: case is invalid: {string.Join("; ", read.Errors)}");
    }

    public Assessment Assess(AssessmentEngine engine) => engine.Assess(ReadCase(engine.Knowledge)).Valid();

    public List<string> Check(Assessment assessment)
    {
        var problems = new List<string>();
        var top3 = assessment.Differential.Take(3).Select(c => c.Id).ToList();
        problems.AddRange(Top.Where(id => !top3.Contains(id)).Select(id => $"expected {id} in the top 3, got {string.Join(", ", top3)}"));
        if (First is not null && assessment.Differential[0].Id != First)
        {
            problems.Add($"expected {First} first, got {assessment.Differential[0].Id}");
        }

        problems.AddRange(NotTop.Where(top3.Contains).Select(id => $"expected {id} not in the top 3"));
        if (assessment.Triage.Level != Triage)
        {
            problems.Add($"expected triage {Triage.ToId()}, got {assessment.Triage.Level.ToId()}");
        }

        var fired = assessment.RedFlags.Select(f => f.Id).ToList();
        problems.AddRange(RedFlags.Where(id => !fired.Contains(id)).Select(id => $"expected red flag {id}"));
        if (NoRedFlags && fired.Count > 0)
        {
            problems.Add($"expected no red flags, got {string.Join(", ", fired)}");
        }

        var recommended = assessment.Recommendations.Select(r => r.Id).ToList();
        problems.AddRange(Recommend.Where(id => !recommended.Contains(id)).Select(id => $"expected recommendation {id}"));
        problems.AddRange(Avoid.Where(recommended.Contains).Select(id => $"recommendation {id} must not be given"));
        foreach (var (analyte, status) in Labs)
        {
            var actual = assessment.Labs.FirstOrDefault(l => l.Analyte == analyte)?.Status.ToId();
            if (actual != status)
            {
                problems.Add($"expected {analyte} {status}, got {actual ?? "missing"}");
            }
        }

        if (IronPlan is not null && assessment.Iron.Plan.ToId() != IronPlan)
        {
            problems.Add($"expected iron plan {IronPlan}, got {assessment.Iron.Plan.ToId()}");
        }

        if (Criteria is not null && assessment.Criteria.Status.ToId() != Criteria)
        {
            problems.Add($"expected IRLSSG criteria {Criteria}, got {assessment.Criteria.Status.ToId()}");
        }

        return problems;
    }

    public static string Describe(Assessment assessment) =>
        $"  triage {assessment.Triage.Level.ToId()}; red flags [{string.Join(", ", assessment.RedFlags.Select(f => f.Id))}]\n"
        + $"  top: {string.Join(", ", assessment.Differential.Take(5).Select(c => $"{c.Id} {c.Probability:P0}"))}\n"
        + $"  recommendations: {string.Join(", ", assessment.Recommendations.Select(r => r.Id))}\n"
        + $"  iron plan {assessment.Iron.Plan.ToId()}; criteria {assessment.Criteria.Status.ToId()}";
}
