using Calfwise.Core.Labs;

namespace Calfwise.Core.Knowledge.Reading;

/// <summary>labs.yaml: analytes, units, reference ranges, critical limits and thresholds.</summary>
internal sealed partial class KnowledgeReader
{
    private Analyte? ReadAnalyte(NodeMap map)
    {
        // The LOINC codes are in codes.yaml; Loinc is set from there (CodesReader).
        map.OnlyKeys("id", "name", "canonical", "units", "bounds", "ranges", "critical", "aliases");
        var id = Id(map);
        var name = map.Str("name");

        var canonical = map.Str("canonical");
        if (canonical is not null && !IsUnit(canonical))
        {
            map.Error($"canonical unit '{canonical}' is malformed");
        }

        var units = new List<LabUnit>();
        foreach (var unitMap in map.Maps("units", required: false))
        {
            unitMap.OnlyKeys("unit", "multiply", "divide", "source");
            var code = unitMap.Str("unit");
            var multiply = unitMap.Decimal("multiply", required: false);
            var divide = unitMap.Decimal("divide", required: false);
            if (unitMap.Has("source"))
            {
                SourceRef(unitMap);
            }

            if (code is not null && !IsUnit(code))
            {
                unitMap.Error($"unit '{code}' is malformed");
                continue;
            }

            if ((multiply is null) == (divide is null))
            {
                unitMap.Error($"unit '{code}' needs exactly one conversion factor to {canonical}: 'multiply' or 'divide'");
                continue;
            }

            if (multiply is <= 0 || divide is <= 0)
            {
                unitMap.Error($"unit '{code}' conversion factor must be greater than 0");
                continue;
            }

            if (code is not null)
            {
                units.Add(new LabUnit(code, multiply ?? 1m, divide ?? 1m));
            }
        }

        var bounds = map.Map("bounds");
        decimal? min = null, max = null;
        string? boundsSource = null;
        if (bounds is not null)
        {
            bounds.OnlyKeys("min", "max", "source");
            (min, max, boundsSource) = (bounds.Decimal("min"), bounds.Decimal("max"), SourceRef(bounds));
            if (min is not null && max is not null && (min < 0 || min >= max))
            {
                bounds.Error($"bounds must satisfy 0 <= min < max, not min {min} and max {max}");
            }
        }

        var ranges = map.Maps("ranges", required: false).Select(ReadRange).OfType<ReferenceRange>().ToList();
        var critical = map.Maps("critical", required: false).Select(ReadCritical).OfType<CriticalLimit>().ToList();

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units.Prepend(new LabUnit(canonical ?? "", 1, 1)))
        {
            if (!keys.Add(UnitText.Key(unit.Code)))
            {
                map.Error($"unit '{unit.Code}' is listed twice for analyte '{id}'");
            }
        }

        return id is null || name is null || canonical is null || min is null || max is null || boundsSource is null
            ? null
            : new Analyte(id, name, "", new LabUnit(canonical, 1, 1), units, min.Value, max.Value, boundsSource, ranges, critical, map.Strings("aliases", required: false), map.Location);
    }


    private static bool IsUnit(string code) =>
        code.Length > 0 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '%' or '.' or '[' or ']' or '_');

    private ReferenceRange? ReadRange(NodeMap map)
    {
        map.OnlyKeys("low", "high", "sex", "minAge", "maxAge", "pregnant", "trimester", "source", "note");
        var low = map.Decimal("low", required: false);
        var high = map.Decimal("high", required: false);
        if (low is null && high is null)
        {
            map.Error("a reference range needs 'low', 'high' or both");
        }
        else if (low is not null && high is not null && low >= high)
        {
            map.Error($"reference range low ({low}) must be below high ({high})");
        }

        var source = SourceRef(map);
        return source is null
            ? null
            : new ReferenceRange(low, high, map.SexValue("sex", required: false), map.Decimal("minAge", required: false), map.Decimal("maxAge", required: false), map.Bool("pregnant", required: false), Trimester(map), source, map.Location);
    }

    private static int? Trimester(NodeMap map)
    {
        var trimester = map.Int("trimester", required: false);
        if (trimester is not null and not (1 or 2 or 3))
        {
            map.Error($"'trimester' must be 1, 2 or 3, not {trimester}");
        }

        return trimester;
    }

    private CriticalLimit? ReadCritical(NodeMap map)
    {
        map.OnlyKeys("id", "below", "above", "atLeast", "level", "text", "pregnant", "source", "note", "condition");
        var limits = new (string Key, Comparison Comparison)[] { ("below", Comparison.Below), ("above", Comparison.Above), ("atLeast", Comparison.AtLeast) }
            .Select(k => (k.Comparison, Value: map.Decimal(k.Key, required: false)))
            .Where(k => k.Value is not null)
            .ToList();
        if (limits.Count != 1)
        {
            map.Error("a critical limit needs exactly one of 'below', 'above' or 'atLeast'");
        }

        var (id, level, text, source) = (Id(map), map.Level("level"), map.Str("text"), SourceRef(map));
        return id is null || level is null || text is null || source is null || limits.Count != 1
            ? null
            : new CriticalLimit(id, limits[0].Comparison, limits[0].Value!.Value, level.Value, text, map.Bool("pregnant", required: false), source, map.Location) { ConditionId = ConditionOf(map) };
    }

    private RedFlag CriticalRedFlag(Analyte analyte, List<CriticalLimit> limits)
    {
        var first = limits[0];
        foreach (var other in limits.Skip(1).Where(l => l.Level != first.Level))
        {
            errors.Add(other.Location, $"critical limit '{other.Id}' is listed again with another level; rows sharing an id must share the level");
        }

        Rule rule = limits.Count == 1
            ? new CriticalLimitRule(analyte.Id, first)
            : new AnyRule(limits.Select(l => (Rule)new CriticalLimitRule(analyte.Id, l)).ToList());
        return new RedFlag(first.Id, first.Level, first.Text, [first.SourceId], rule, first.Location) { ConditionId = first.ConditionId };
    }

    /// <summary>The optional 'condition' a red flag warns of; it must exist.</summary>
    private string? ConditionOf(NodeMap map)
    {
        var condition = map.Str("condition", required: false);
        Uses(ReferenceKind.Condition, condition, map.Location);
        return condition;
    }

    private Threshold? ReadThreshold(NodeMap map)
    {
        map.OnlyKeys("id", "analyte", "value", "source", "note", "grade", "reads", "readsWhen");
        var (id, analyte, value, source) = (Id(map), map.Str("analyte"), map.Decimal("value"), SourceRef(map));
        Uses(ReferenceKind.Analyte, analyte, map.Location);
        var readsWhen = map.Str("readsWhen", required: false);
        if (readsWhen is not (null or "below" or "atMost"))
        {
            map.Error($"readsWhen '{readsWhen}' is not one of below, atMost");
        }

        return id is null || analyte is null || value is null || source is null
            ? null
            : new Threshold(id, analyte, value.Value, source, map.Str("note", required: false), map.Location)
            {
                Reads = Plain(map, "reads", required: false),
                ReadsWhen = readsWhen == "atMost" ? Comparison.AtMost : Comparison.Below,
            };
    }
}
