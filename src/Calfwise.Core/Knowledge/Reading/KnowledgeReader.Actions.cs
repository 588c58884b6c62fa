namespace Calfwise.Core.Knowledge.Reading;

/// <summary>medications.yaml, red-flags.yaml, recommendations.yaml and triage.yaml.</summary>
internal sealed partial class KnowledgeReader
{
    private MedicationClass? ReadMedicationClass(NodeMap map)
    {
        map.OnlyKeys("id", "name", "drugs", "effects", "note");
        var (id, name, drugs) = (Id(map), map.Str("name"), map.Strings("drugs"));
        var effects = new List<MedicationEffect>();
        foreach (var effect in map.Maps("effects", required: false))
        {
            effect.OnlyKeys("condition", "lr", "source", "grade", "reason");
            var condition = effect.Str("condition");
            Uses(ReferenceKind.Condition, condition, effect.Location);
            var (lr, source, grade) = (Ratio(effect, "lr", required: true), SourceRef(effect), effect.Grade("grade"));
            if (condition is not null && lr is not null && source is not null && grade is not null)
            {
                effects.Add(new MedicationEffect(condition, lr.Value, source, grade.Value, effect.Location));
            }
        }

        return id is null || name is null ? null : new MedicationClass(id, name, drugs, effects, map.Location);
    }

    private RedFlag? ReadRedFlag(NodeMap map)
    {
        map.OnlyKeys("id", "level", "text", "sources", "when", "condition", "advice");
        var (id, level, text, sources, when) = (Id(map), map.Level("level"), map.Str("text"), Sources(map), Rules.At(map, "when"));
        var advice = Plain(map, "advice", required: false);
        return id is null || level is null || text is null || when is null
            ? null
            : new RedFlag(id, level.Value, text, sources, when, map.Location) { ConditionId = ConditionOf(map), Advice = advice };
    }

    private Recommendation? ReadRecommendation(NodeMap map)
    {
        map.OnlyKeys("id", "kind", "title", "text", "sources", "when", "plain");
        var (id, kind, title, text, sources, when) = (Id(map), map.Str("kind"), map.Str("title"), map.Str("text"), Sources(map), Rules.At(map, "when"));
        // Where to go is always said in plain words; other steps may stay in the details.
        var plain = Plain(map, "plain", required: kind == "care");
        if (kind is not null && RecommendationKinds.Parse(kind) is null)
        {
            map.Error($"kind '{kind}' is not one of {string.Join(", ", RecommendationKinds.All.Select(k => k.ToId()))}");
        }

        return id is null || RecommendationKinds.Parse(kind) is not { } parsed || title is null || text is null || when is null
            ? null
            : new Recommendation(id, parsed, title, text, sources, when, map.Location) { Plain = plain };
    }

    private List<string> Sources(NodeMap map)
    {
        var sources = map.Strings("sources").ToList();
        if (sources.Count == 0 && map.Has("sources"))
        {
            map.Error("'sources' must name at least one source");
        }

        foreach (var source in sources)
        {
            SourceUses.Add((source, map.Location));
        }

        return sources;
    }

    private TriageAdvice? ReadAdvice(NodeMap map)
    {
        map.OnlyKeys("id", "advice", "plain", "changes");
        var (level, advice, plain) = (map.Level("id"), map.Str("advice"), Plain(map, "plain", required: true));
        var changes = map.Strings("changes").Select(c => PlainText(map, "changes", c)).ToList();
        return level is null || advice is null || plain is null ? null : new TriageAdvice(level.Value, advice) { Plain = plain, Changes = changes };
    }

    private ProbabilityBand? ReadBand(NodeMap map)
    {
        map.OnlyKeys("id", "probability", "source", "note", "words");
        var (id, probability, source, words) = (Id(map), map.Double("probability"), SourceRef(map), map.Str("words"));
        if (probability is <= 0 or >= 1)
        {
            map.Error($"band probability must be between 0 and 1 (exclusive), not {probability}");
        }

        return id is null || probability is null || source is null || words is null
            ? null
            : new ProbabilityBand(id, probability.Value, source, map.Location) { Words = words };
    }
}
