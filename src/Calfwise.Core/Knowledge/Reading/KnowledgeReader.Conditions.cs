namespace Calfwise.Core.Knowledge.Reading;

/// <summary>sources.yaml, findings.yaml and conditions.yaml with their likelihood ratios.</summary>
internal sealed partial class KnowledgeReader
{
    private Source? ReadSource(NodeMap map)
    {
        map.OnlyKeys("id", "citation", "year", "url", "grade", "note");
        var (id, citation, year, grade) = (Id(map), map.Str("citation"), map.Int("year"), map.Grade("grade"));

        // A project estimate (grade D) is documented in docs/knowledge.md and has no address of its own.
        var url = map.Str("url", required: grade != EvidenceGrade.D);
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            map.Error($"url '{url}' is not an absolute address");
        }

        return id is null || citation is null || year is null || grade is null || (url is null && grade != EvidenceGrade.D)
            ? null
            : new Source(id, citation, year.Value, url ?? "", grade.Value, map.Location);
    }

    private Finding? ReadFinding(NodeMap map)
    {
        map.OnlyKeys("id", "label", "question", "category", "group", "why", "sex", "minAge", "maxAge", "askIf");
        var (id, label, question, category) = (Id(map), map.Str("label"), map.Str("question"), map.Str("category"));
        var askOnly = new FindingAudience(map.SexValue("sex", required: false), map.Decimal("minAge", required: false), map.Decimal("maxAge", required: false));
        var askIf = map.Raw("askIf") is null ? null : Rules.At(map, "askIf");
        if (askIf is not null && askIf.Descendants().Any(r => r is NotRule || r is FindingRule { Answer: not AnswerKind.Yes }))
        {
            // askIf is read with unanswered findings as yes, which only a rule without negations keeps on the safe side.
            map.Error("askIf may not use negations (not, findingNo, findingUnknown): unanswered findings are read as yes");
        }
        return id is null || label is null || question is null || category is null
            ? null
            : new Finding(id, label, question, category, map.Str("group", required: false), map.Location) { Audience = askOnly, AskIf = askIf };
    }

    private Condition? ReadCondition(NodeMap map)
    {
        map.OnlyKeys("id", "name", "summary", "plain", "prior", "priorGrade", "priorSource", "priorReason", "triage", "findings", "labs");
        var id = Id(map);
        var plain = Plain(map, "plain", required: true);
        var name = map.Str("name");
        var summary = map.Str("summary");
        var prior = map.Double("prior");
        var grade = map.Grade("priorGrade");
        var source = SourceRef(map, "priorSource");
        var reason = map.Str("priorReason", required: false);
        var triage = map.Level("triage");
        if (prior is <= 0 or >= 1)
        {
            map.Error($"prior must be between 0 and 1 (exclusive), not {prior}");
        }

        if (grade == EvidenceGrade.D && string.IsNullOrWhiteSpace(reason))
        {
            map.Error("a grade D prior needs a priorReason");
        }

        var findingEvidence = map.Maps("findings", required: false).Select(ReadFindingEvidence).OfType<FindingEvidence>().ToList();
        var labEvidence = map.Maps("labs", required: false).Select(ReadLabEvidence).OfType<LabEvidence>().ToList();
        return id is null || name is null || summary is null || plain is null || prior is null || grade is null || source is null || triage is null
            ? null
            : new Condition(id, name, summary, prior.Value, grade.Value, source, reason, triage.Value, findingEvidence, labEvidence, map.Location) { Plain = plain };
    }

    private FindingEvidence? ReadFindingEvidence(NodeMap map)
    {
        map.OnlyKeys("finding", "present", "absent", "source", "grade", "reason");
        var finding = map.Str("finding");
        Uses(ReferenceKind.Finding, finding, map.Location);
        var present = Ratio(map, "present", required: false);
        var absent = Ratio(map, "absent", required: false);
        if (!map.Has("present") && !map.Has("absent"))
        {
            map.Error("a finding likelihood ratio needs 'present', 'absent' or both");
        }

        var source = SourceRef(map);
        var grade = map.Grade("grade");
        return finding is null || source is null || grade is null
            ? null
            : new FindingEvidence(finding, present, absent, source, grade.Value, map.Str("reason", required: false), map.Location);
    }

    private LabEvidence? ReadLabEvidence(NodeMap map)
    {
        map.OnlyKeys("analyte", "from", "below", "lr", "inflammation", "source", "grade", "reason");
        var analyte = map.Str("analyte");
        Uses(ReferenceKind.Analyte, analyte, map.Location);
        var from = map.Decimal("from", required: false);
        var below = map.Decimal("below", required: false);
        if (from is null && below is null)
        {
            map.Error("a lab band needs 'from', 'below' or both");
        }
        else if (from is not null && below is not null && from >= below)
        {
            map.Error($"lab band 'from' ({from}) must be less than 'below' ({below})");
        }

        var lr = Ratio(map, "lr", required: true);
        var inflammation = map.Str("inflammation", required: false) switch
        {
            null => InflammationFilter.Any,
            "present" => InflammationFilter.Present,
            "absent" => InflammationFilter.Absent,
            var other => Invalid(map, $"inflammation must be present or absent, not '{other}'", InflammationFilter.Any),
        };
        var source = SourceRef(map);
        var grade = map.Grade("grade");
        return analyte is null || lr is null || source is null || grade is null
            ? null
            : new LabEvidence(analyte, from, below, lr.Value, inflammation, source, grade.Value, map.Str("reason", required: false), map.Location);
    }

    private static T Invalid<T>(NodeMap map, string message, T value)
    {
        map.Error(message);
        return value;
    }

    private static double? Ratio(NodeMap map, string key, bool required)
    {
        var value = map.Double(key, required);
        if (value is <= 0)
        {
            map.Error($"likelihood ratio '{key}' must be greater than 0, not {value}");
            return null;
        }

        return value;
    }
}
