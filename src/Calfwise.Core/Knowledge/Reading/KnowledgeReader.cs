namespace Calfwise.Core.Knowledge.Reading;

/// <summary>
/// Turns knowledge files' nodes into knowledge records, one part per file, remembering what each id points at
/// for the <see cref="KnowledgeValidator"/>. Reading never throws: problems go to the error sink.
/// </summary>
internal sealed partial class KnowledgeReader(ErrorSink errors)
{
    private RuleParser? _rules;

    public List<(string SourceId, SourceLocation At)> SourceUses { get; } = [];

    public List<(RuleReference Reference, SourceLocation At)> References { get; } = [];

    private RuleParser Rules => _rules ??= new RuleParser(errors, References);

    public KnowledgeBase? Read(IReadOnlyDictionary<string, NodeMap> roots)
    {
        var sources = roots["sources.yaml"].Maps("sources").Select(ReadSource).OfType<Source>().ToList();
        var findings = roots["findings.yaml"].Maps("findings").Select(ReadFinding).OfType<Finding>().ToList();
        var conditions = roots["conditions.yaml"].Maps("conditions").Select(ReadCondition).OfType<Condition>().ToList();
        var labs = roots["labs.yaml"];
        var analytes = labs.Maps("analytes").Select(ReadAnalyte).OfType<Analyte>().ToList();
        var thresholds = labs.Maps("thresholds").Select(ReadThreshold).OfType<Threshold>().ToList();
        var classes = roots["medications.yaml"].Maps("classes").Select(ReadMedicationClass).OfType<MedicationClass>().ToList();
        // An analyte's critical limits are red flags of their own, listed before the rule-based ones; rows of one
        // analyte sharing an id (one limit in pregnancy, another outside it) make one red flag.
        var redFlags = analytes
            .SelectMany(a => a.Critical.GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => CriticalRedFlag(a, g.ToList())))
            .Concat(roots["red-flags.yaml"].Maps("redFlags").Select(ReadRedFlag).OfType<RedFlag>())
            .ToList();
        var recommendations = roots["recommendations.yaml"].Maps("recommendations").Select(ReadRecommendation).OfType<Recommendation>().ToList();
        var triage = roots["triage.yaml"];
        var advice = triage.Maps("levels").Select(ReadAdvice).OfType<TriageAdvice>().ToList();
        var bands = triage.Maps("bands").Select(ReadBand).OfType<ProbabilityBand>().ToList();
        var disclaimer = triage.Str("disclaimer") ?? "";
        var rls = ReadInstruments(roots["instruments.yaml"]);
        var interview = ReadInterview(roots["interview.yaml"]);
        var diary = ReadDiary(roots["diary.yaml"]);
        if (interview is null || diary is null)
        {
            return null;
        }

        return new KnowledgeBase(
            Unique(sources, s => s.Id, s => s.Location, "source"),
            Unique(findings, f => f.Id, f => f.Location, "finding"),
            Unique(conditions, c => c.Id, c => c.Location, "condition"),
            Unique(analytes, a => a.Id, a => a.Location, "analyte"),
            Unique(thresholds, t => t.Id, t => t.Location, "threshold"),
            Unique(classes, m => m.Id, m => m.Location, "medication class"),
            Unique(redFlags, r => r.Id, r => r.Location, "red flag"),
            Unique(recommendations, r => r.Id, r => r.Location, "recommendation"),
            advice.GroupBy(a => a.Level).Select(g => g.First()).ToList(),
            Unique(bands, b => b.Id, b => b.Location, "band"),
            disclaimer,
            rls,
            interview,
            diary);
    }

    private List<T> Unique<T>(List<T> items, Func<T, string> id, Func<T, SourceLocation> at, string kind)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<T>();
        foreach (var item in items)
        {
            if (seen.Add(id(item)))
            {
                unique.Add(item);
            }
            else
            {
                errors.Add(at(item), $"{kind} id '{id(item)}' is defined twice");
            }
        }

        return unique;
    }

    private static string? Id(NodeMap map)
    {
        var id = map.Str("id");
        if (id is not null && !IsKebab(id))
        {
            map.Error($"id '{id}' must be kebab-case: lower-case letters, digits and single hyphens");
        }

        return id;
    }

    private static bool IsKebab(string id) =>
        id.Length > 0
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && char.IsAsciiLetterLower(id[0])
        && !id.EndsWith('-')
        && !id.Contains("--", StringComparison.Ordinal);

    private string? SourceRef(NodeMap map, string key = "source")
    {
        var id = map.Str(key);
        if (id is not null)
        {
            SourceUses.Add((id, map.Location));
        }

        return id;
    }

    private void Uses(ReferenceKind kind, string? id, SourceLocation at)
    {
        if (id is not null)
        {
            References.Add((new RuleReference(kind, id), at));
        }
    }
}
