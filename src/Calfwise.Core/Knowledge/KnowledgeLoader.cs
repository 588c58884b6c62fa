using Calfwise.Core.Labs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Calfwise.Core.Knowledge;

/// <summary>The result of loading the knowledge files: a base, or the list of what is wrong with them.</summary>
public sealed record KnowledgeLoadResult(KnowledgeBase? Knowledge, IReadOnlyList<KnowledgeError> Errors)
{
    public bool IsValid => Knowledge is not null && Errors.Count == 0;

    public KnowledgeBase OrThrow() => IsValid ? Knowledge! : throw new KnowledgeLoadException(Errors);
}

/// <summary>Reads the knowledge YAML files and validates every reference, number and unit in them.</summary>
public static class KnowledgeLoader
{
    /// <summary>The files the knowledge base is made of.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
    [
        "sources.yaml", "findings.yaml", "conditions.yaml", "labs.yaml", "medications.yaml",
        "red-flags.yaml", "recommendations.yaml", "triage.yaml", "instruments.yaml", "interview.yaml",
        "diary.yaml",
    ];

    /// <summary>Thresholds the engine's code reads by id; the knowledge base must define them.</summary>
    public static IReadOnlyList<string> RequiredThresholds { get; } =
    [
        "ferritin-rls-iron", "ferritin-rls-iv-max", "tsat-rls-iron", "ferritin-rls-iron-child",
        "tsat-overload", "ferritin-overload-female", "ferritin-overload-male", "crp-inflammation",
        "hb-severe", "hb-severe-pregnant", "ferritin-deficiency-inflamed",
        "ferritin-deficiency-inflamed-child", "ferritin-deficiency-anemia-aga", "ferritin-very-high",
        "ferritin-dialysis-iron", "ferritin-pregnancy-iron",
    ];

    /// <summary>Probability bands the rules and triage rely on.</summary>
    public static IReadOnlyList<string> RequiredBands { get; } = ["leading", "possible", "likely"];

    /// <summary>Analytes the engine's code reads by id.</summary>
    public static IReadOnlyList<string> RequiredAnalytes { get; } = Labs.AnalyteIds.Required;

    public static KnowledgeLoadResult LoadEmbedded() => Load(EmbeddedFiles());

    /// <summary>The YAML texts built into this assembly, by file name.</summary>
    public static IReadOnlyDictionary<string, string> EmbeddedFiles()
    {
        var assembly = typeof(KnowledgeLoader).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            using var stream = assembly.GetManifestResourceStream("knowledge/" + name);
            if (stream is null)
            {
                continue;
            }

            using var reader = new StreamReader(stream);
            files[name] = reader.ReadToEnd();
        }

        return files;
    }

    public static KnowledgeLoadResult LoadDirectory(string directory)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                files[name] = File.ReadAllText(path);
            }
        }

        return Load(files);
    }

    /// <summary>Loads from file name to YAML text; a missing file is an error.</summary>
    public static KnowledgeLoadResult Load(IReadOnlyDictionary<string, string> files)
    {
        var errors = new ErrorSink();
        var roots = new Dictionary<string, YamlMap>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            if (!files.TryGetValue(name, out var text))
            {
                errors.Add(name, 0, "file is missing");
                continue;
            }

            if (Parse(name, text, errors) is { } root)
            {
                roots[name] = root;
            }
        }

        if (roots.Count != FileNames.Count)
        {
            return new KnowledgeLoadResult(null, errors.Errors);
        }

        var reader = new Reader(errors);
        var knowledge = reader.Read(roots);
        knowledge.Version = VersionOf(files);
        new Validator(knowledge, reader, errors).Validate();
        return new KnowledgeLoadResult(errors.Errors.Count == 0 ? knowledge : null, errors.Errors);
    }

    /// <summary>The knowledge version of a set of files: SHA-256 over each file's name and text (line ends normalised).</summary>
    public static string VersionOf(IReadOnlyDictionary<string, string> files)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var name in FileNames)
        {
            if (files.TryGetValue(name, out var text))
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n" + text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n"));
            }
        }

        return "k-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static YamlMap? Parse(string name, string text, ErrorSink errors)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root)
            {
                return new YamlMap(root, name, errors);
            }

            errors.Add(name, 1, "expected one YAML document whose top level is a mapping");
        }
        catch (YamlException ex)
        {
            errors.Add(name, checked((int)ex.Start.Line), "not valid YAML: " + ex.Message);
        }

        return null;
    }

    /// <summary>Turns YAML into knowledge records, remembering what each id points at for the validator.</summary>
    private sealed class Reader(ErrorSink errors)
    {
        public List<(string SourceId, SourceLocation At)> SourceUses { get; } = [];

        public List<(RuleReference Reference, SourceLocation At)> References { get; } = [];

        public List<(string Kind, string Id, SourceLocation At)> Declared { get; } = [];

        public KnowledgeBase Read(Dictionary<string, YamlMap> roots)
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

        private DiaryPolicy ReadDiary(YamlMap root)
        {
            root.OnlyKeys("minEpisodes", "minDaysEach", "restShare", "eveningShare", "evening", "associationRatio", "factors");
            (double Value, string Finding) Share(string key)
            {
                var map = root.Map(key);
                map?.OnlyKeys("value", "finding", "source");
                if (map is null)
                {
                    return (1, "");
                }

                SourceRef(map);
                var finding = map.Str("finding") ?? "";
                Uses(ReferenceKind.Finding, finding, map.Location);
                var value = map.Double("value") ?? 1;
                if (value is <= 0 or > 1)
                {
                    map.Error($"'{key}' must be a share above 0 and at most 1, not {value}");
                }

                return (value, finding);
            }

            var rest = Share("restShare");
            var evening = Share("eveningShare");
            var hours = root.Map("evening");
            hours?.OnlyKeys("from", "to", "source");
            if (hours is not null)
            {
                SourceRef(hours);
            }

            var ratio = root.Map("associationRatio");
            ratio?.OnlyKeys("value", "source");
            if (ratio is not null)
            {
                SourceRef(ratio);
            }

            var factors = new List<DiaryFactor>();
            foreach (var factor in root.Maps("factors"))
            {
                factor.OnlyKeys("id", "finding", "cupsAtLeast", "minutesAtLeast", "sleepHoursBelow", "unitsAtLeast", "source");
                var (id, finding) = (Id(factor), factor.Str("finding"));
                SourceRef(factor);
                Uses(ReferenceKind.Finding, finding, factor.Location);
                var cups = factor.Decimal("cupsAtLeast", required: false);
                var minutes = factor.Decimal("minutesAtLeast", required: false);
                var sleep = factor.Decimal("sleepHoursBelow", required: false);
                var units = factor.Decimal("unitsAtLeast", required: false);
                (Func<Diary.DailyFactors, bool?>? applies, string description) = (cups, minutes, sleep, units) switch
                {
                    ({ } c, null, null, null) => ((Func<Diary.DailyFactors, bool?>)(d => d.CaffeineCups is { } v ? v >= c : null), $"{c}+ cups of caffeine"),
                    (null, { } m, null, null) => (d => d.ExerciseMinutes is { } v ? v >= m : null, $"{m}+ minutes of exercise"),
                    (null, null, { } s, null) => (d => d.SleepHours is { } v ? v < s : null, $"under {s} hours of sleep"),
                    (null, null, null, { } u) => (d => d.AlcoholUnits is { } v ? v >= u : null, $"{u}+ units of alcohol"),
                    _ => (null, ""),
                };
                if (applies is null)
                {
                    factor.Error("a diary factor needs exactly one of cupsAtLeast, minutesAtLeast, sleepHoursBelow or unitsAtLeast");
                }
                else if (id is not null && finding is not null)
                {
                    factors.Add(new DiaryFactor(id, finding, description, applies));
                }
            }

            return new DiaryPolicy(
                root.Int("minEpisodes") ?? 1,
                rest.Value,
                rest.Finding,
                evening.Value,
                evening.Finding,
                hours?.Int("from") ?? 18,
                hours?.Int("to") ?? 6,
                ratio?.Double("value") ?? 1.5,
                root.Int("minDaysEach") ?? 3,
                factors);
        }

        private InterviewKnowledge ReadInterview(YamlMap root)
        {
            root.OnlyKeys("opening", "maxAnswers", "maxGroupSize", "pregnancyAges", "groups", "redFlagTriggers", "labRequests");
            var opening = root.Map("opening");
            opening?.OnlyKeys("id", "text", "findings");
            var openingFindings = opening?.Strings("findings") ?? [];
            foreach (var finding in openingFindings)
            {
                Uses(ReferenceKind.Finding, finding, opening!.Location);
            }

            var ages = root.Map("pregnancyAges");
            ages?.OnlyKeys("min", "max", "source");
            if (ages is not null)
            {
                SourceRef(ages);
            }

            var groups = new List<QuestionGroup>();
            foreach (var group in root.Maps("groups"))
            {
                group.OnlyKeys("id", "text");
                if (Id(group) is { } id && group.Str("text") is { } text)
                {
                    groups.Add(new QuestionGroup(id, text));
                }
            }

            var triggers = new List<RedFlagTrigger>();
            foreach (var trigger in root.Maps("redFlagTriggers"))
            {
                trigger.OnlyKeys("redFlag", "askWhen");
                var redFlag = trigger.Str("redFlag");
                Uses(ReferenceKind.RedFlag, redFlag, trigger.Location);
                var askWhen = trigger.Strings("askWhen");
                foreach (var finding in askWhen)
                {
                    Uses(ReferenceKind.Finding, finding, trigger.Location);
                }

                if (redFlag is not null)
                {
                    triggers.Add(new RedFlagTrigger(redFlag, askWhen));
                }
            }

            var requests = new List<LabRequest>();
            foreach (var request in root.Maps("labRequests"))
            {
                request.OnlyKeys("id", "text", "analytes", "when");
                var (id, text, analytes, when) = (Id(request), request.Str("text"), request.Strings("analytes"), ReadRuleAt(request, "when"));
                foreach (var analyte in analytes)
                {
                    Uses(ReferenceKind.Analyte, analyte, request.Location);
                }

                if (id is not null && text is not null && when is not null)
                {
                    requests.Add(new LabRequest(id, text, analytes, when));
                }
            }

            return new InterviewKnowledge(
                opening?.Str("id") ?? "opening",
                opening?.Str("text") ?? "",
                openingFindings,
                root.Int("maxAnswers") ?? 40,
                root.Int("maxGroupSize") ?? 5,
                ages?.Decimal("min") ?? 0,
                ages?.Decimal("max") ?? 0,
                groups,
                triggers,
                requests);
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

        private static string? Id(YamlMap map)
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

        private string? SourceRef(YamlMap map, string key = "source")
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

        private Source? ReadSource(YamlMap map)
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

        private Finding? ReadFinding(YamlMap map)
        {
            map.OnlyKeys("id", "label", "question", "category", "group", "why", "sex", "minAge", "maxAge");
            var (id, label, question, category) = (Id(map), map.Str("label"), map.Str("question"), map.Str("category"));
            var askOnly = new FindingAudience(map.SexValue("sex", required: false), map.Decimal("minAge", required: false), map.Decimal("maxAge", required: false));
            return id is null || label is null || question is null || category is null
                ? null
                : new Finding(id, label, question, category, map.Str("group", required: false), map.Location) { Audience = askOnly };
        }

        private Condition? ReadCondition(YamlMap map)
        {
            map.OnlyKeys("id", "name", "summary", "prior", "priorGrade", "priorSource", "priorReason", "triage", "findings", "labs");
            var id = Id(map);
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
            return id is null || name is null || summary is null || prior is null || grade is null || source is null || triage is null
                ? null
                : new Condition(id, name, summary, prior.Value, grade.Value, source, reason, triage.Value, findingEvidence, labEvidence, map.Location);
        }

        private FindingEvidence? ReadFindingEvidence(YamlMap map)
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

        private LabEvidence? ReadLabEvidence(YamlMap map)
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

        private static T Invalid<T>(YamlMap map, string message, T value)
        {
            map.Error(message);
            return value;
        }

        private static double? Ratio(YamlMap map, string key, bool required)
        {
            var value = map.Double(key, required);
            if (value is <= 0)
            {
                map.Error($"likelihood ratio '{key}' must be greater than 0, not {value}");
                return null;
            }

            return value;
        }

        private Analyte? ReadAnalyte(YamlMap map)
        {
            map.OnlyKeys("id", "name", "loinc", "canonical", "units", "bounds", "ranges", "critical", "aliases");
            var id = Id(map);
            var name = map.Str("name");
            var loinc = map.Str("loinc");
            if (loinc is not null && !IsLoinc(loinc))
            {
                map.Error($"loinc '{loinc}' is not a LOINC code (digits, a hyphen and a check digit)");
            }

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

            return id is null || name is null || loinc is null || canonical is null || min is null || max is null || boundsSource is null
                ? null
                : new Analyte(id, name, loinc, new LabUnit(canonical, 1, 1), units, min.Value, max.Value, boundsSource, ranges, critical, map.Strings("aliases", required: false), map.Location);
        }

        private static bool IsLoinc(string code)
        {
            var dash = code.IndexOf('-', StringComparison.Ordinal);
            return dash > 0 && dash == code.Length - 2 && code.All(c => char.IsAsciiDigit(c) || c == '-');
        }

        private static bool IsUnit(string code) =>
            code.Length > 0 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '%' or '.' or '[' or ']' or '_');

        private ReferenceRange? ReadRange(YamlMap map)
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

        private static int? Trimester(YamlMap map)
        {
            var trimester = map.Int("trimester", required: false);
            if (trimester is not null and not (1 or 2 or 3))
            {
                map.Error($"'trimester' must be 1, 2 or 3, not {trimester}");
            }

            return trimester;
        }

        private CriticalLimit? ReadCritical(YamlMap map)
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
        private string? ConditionOf(YamlMap map)
        {
            var condition = map.Str("condition", required: false);
            Uses(ReferenceKind.Condition, condition, map.Location);
            return condition;
        }

        private Threshold? ReadThreshold(YamlMap map)
        {
            map.OnlyKeys("id", "analyte", "value", "source", "note", "grade");
            var (id, analyte, value, source) = (Id(map), map.Str("analyte"), map.Decimal("value"), SourceRef(map));
            Uses(ReferenceKind.Analyte, analyte, map.Location);
            return id is null || analyte is null || value is null || source is null
                ? null
                : new Threshold(id, analyte, value.Value, source, map.Str("note", required: false), map.Location);
        }

        private MedicationClass? ReadMedicationClass(YamlMap map)
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

        private RedFlag? ReadRedFlag(YamlMap map)
        {
            map.OnlyKeys("id", "level", "text", "sources", "when", "condition");
            var (id, level, text, sources, when) = (Id(map), map.Level("level"), map.Str("text"), Sources(map), ReadRuleAt(map, "when"));
            return id is null || level is null || text is null || when is null
                ? null
                : new RedFlag(id, level.Value, text, sources, when, map.Location) { ConditionId = ConditionOf(map) };
        }

        private Recommendation? ReadRecommendation(YamlMap map)
        {
            map.OnlyKeys("id", "kind", "title", "text", "sources", "when");
            var (id, kind, title, text, sources, when) = (Id(map), map.Str("kind"), map.Str("title"), map.Str("text"), Sources(map), ReadRuleAt(map, "when"));
            if (kind is not null && RecommendationKinds.Parse(kind) is null)
            {
                map.Error($"kind '{kind}' is not one of {string.Join(", ", RecommendationKinds.All.Select(k => k.ToId()))}");
            }

            return id is null || RecommendationKinds.Parse(kind) is not { } parsed || title is null || text is null || when is null
                ? null
                : new Recommendation(id, parsed, title, text, sources, when, map.Location);
        }

        private List<string> Sources(YamlMap map)
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

        private TriageAdvice? ReadAdvice(YamlMap map)
        {
            map.OnlyKeys("id", "advice");
            var (level, advice) = (map.Level("id"), map.Str("advice"));
            return level is null || advice is null ? null : new TriageAdvice(level.Value, advice);
        }

        private ProbabilityBand? ReadBand(YamlMap map)
        {
            map.OnlyKeys("id", "probability", "source", "note");
            var (id, probability, source) = (Id(map), map.Double("probability"), SourceRef(map));
            if (probability is <= 0 or >= 1)
            {
                map.Error($"band probability must be between 0 and 1 (exclusive), not {probability}");
            }

            return id is null || probability is null || source is null ? null : new ProbabilityBand(id, probability.Value, source, map.Location);
        }

        private RlsInstruments ReadInstruments(YamlMap root)
        {
            var irlssg = root.Map("irlssg");
            var irls = root.Map("irls");
            var criteria = new List<IrlssgCriterion>();
            string criteriaSource = "", scaleSource = "", licence = "";
            if (irlssg is not null)
            {
                irlssg.OnlyKeys("source", "criteria");
                criteriaSource = SourceRef(irlssg) ?? "";
                foreach (var c in irlssg.Maps("criteria"))
                {
                    c.OnlyKeys("number", "text", "finding", "mimics");
                    var (number, text, finding) = (c.Int("number"), c.Str("text"), c.Str("finding", required: false));
                    Uses(ReferenceKind.Finding, finding, c.Location);
                    var mimics = new List<RlsMimic>();
                    foreach (var m in c.Maps("mimics", required: false))
                    {
                        m.OnlyKeys("finding", "condition");
                        var (mimicFinding, condition) = (m.Str("finding"), m.Str("condition", required: false));
                        Uses(ReferenceKind.Finding, mimicFinding, m.Location);
                        Uses(ReferenceKind.Condition, condition, m.Location);
                        if (mimicFinding is not null)
                        {
                            mimics.Add(new RlsMimic(mimicFinding, condition));
                        }
                    }

                    if (finding is null && mimics.Count == 0)
                    {
                        c.Error("a criterion needs a 'finding' or a list of 'mimics'");
                    }

                    if (number is not null && text is not null)
                    {
                        criteria.Add(new IrlssgCriterion(number.Value, text, finding, mimics));
                    }
                }

                if (!criteria.Select(c => c.Number).Order().SequenceEqual([1, 2, 3, 4, 5]))
                {
                    irlssg.Error("the IRLSSG criteria must be numbered 1 to 5, each once");
                }
            }

            var bands = new List<IrlsBand>();
            int items = 0, maxItem = 0;
            if (irls is not null)
            {
                irls.OnlyKeys("source", "items", "maxItemScore", "bands", "licenceNote");
                scaleSource = SourceRef(irls) ?? "";
                items = irls.Int("items") ?? 0;
                maxItem = irls.Int("maxItemScore") ?? 0;
                licence = irls.Str("licenceNote") ?? "";
                foreach (var b in irls.Maps("bands"))
                {
                    b.OnlyKeys("min", "max", "label");
                    var (min, max, label) = (b.Int("min"), b.Int("max"), b.Str("label"));
                    if (min is not null && max is not null && label is not null)
                    {
                        bands.Add(new IrlsBand(min.Value, max.Value, label));
                    }
                }

                var covered = 0;
                foreach (var band in bands.OrderBy(b => b.Min))
                {
                    if (band.Min != covered || band.Max < band.Min)
                    {
                        irls.Error($"IRLS bands must cover 0 to {items * maxItem} without gaps or overlaps; band '{band.Label}' starts at {band.Min}");
                        break;
                    }

                    covered = band.Max + 1;
                }

                if (bands.Count > 0 && covered != (items * maxItem) + 1)
                {
                    irls.Error($"IRLS bands must end at {items * maxItem}");
                }
            }

            return new RlsInstruments(criteriaSource, criteria, scaleSource, items, maxItem, bands, licence);
        }

        private Rule? ReadRuleAt(YamlMap map, string key)
        {
            var node = map.Raw(key);
            if (node is null)
            {
                map.Error($"missing '{key}' rule");
                return null;
            }

            return ReadRule(node, map.File);
        }

        private Rule? ReadRule(YamlNode node, string file)
        {
            if (node is not YamlMappingNode mapping || mapping.Children.Count != 1)
            {
                errors.Add(file, checked((int)node.Start.Line), "a rule must be a mapping with exactly one key (all, any, not, finding, possible, lab, ...)");
                return null;
            }

            var (keyNode, value) = mapping.Children.First();
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var at = new SourceLocation(file, checked((int)node.Start.Line));
            string? Scalar()
            {
                if (value is YamlScalarNode { Value: { Length: > 0 } text })
                {
                    return text;
                }

                errors.Add(at, $"rule '{key}' needs a single value");
                return null;
            }

            T? Ref<T>(ReferenceKind kind, Func<string, T> make)
                where T : Rule
            {
                var id = Scalar();
                Uses(kind, id, at);
                return id is null ? null : make(id);
            }

            List<Rule>? List()
            {
                if (value is YamlSequenceNode sequence && sequence.Children.Count > 0)
                {
                    var rules = sequence.Children.Select(child => ReadRule(child, file)).ToList();
                    return rules.All(r => r is not null) ? rules.Cast<Rule>().ToList() : null;
                }

                errors.Add(at, $"rule '{key}' needs a non-empty list of rules");
                return null;
            }

            switch (key)
            {
                case "all":
                    return List() is { } all ? new AllRule(all) : null;
                case "any":
                    return List() is { } any ? new AnyRule(any) : null;
                case "not":
                    return ReadRule(value, file) is { } inner ? new NotRule(inner) : null;
                case "finding":
                    return Ref(ReferenceKind.Finding, id => new FindingRule(id, AnswerKind.Yes));
                case "findingNo":
                    return Ref(ReferenceKind.Finding, id => new FindingRule(id, AnswerKind.No));
                case "findingUnknown":
                    return Ref(ReferenceKind.Finding, id => new FindingRule(id, AnswerKind.Unknown));
                case "possible" or "likely":
                    References.Add((new RuleReference(ReferenceKind.Band, key), at));
                    return Ref(ReferenceKind.Condition, id => new ConditionBandRule(id, key));
                case "labMissing":
                    return Ref(ReferenceKind.Analyte, id => new LabMissingRule(id));
                case "labBelow":
                    return Ref(ReferenceKind.Threshold, id => new LabThresholdRule(id, Comparison.Below));
                case "labAtMost":
                    return Ref(ReferenceKind.Threshold, id => new LabThresholdRule(id, Comparison.AtMost));
                case "labAbove":
                    return Ref(ReferenceKind.Threshold, id => new LabThresholdRule(id, Comparison.Above));
                case "labAtLeast":
                    return Ref(ReferenceKind.Threshold, id => new LabThresholdRule(id, Comparison.AtLeast));
                case "medicationClass":
                    return Ref(ReferenceKind.MedicationClass, id => new MedicationClassRule(id));
                case "redFlag":
                    return Ref(ReferenceKind.RedFlag, id => new RedFlagRule(id));
                case "lab":
                    return ReadLabStatusRule(value, file, at);
                case "ironPlan":
                    var planText = Scalar();
                    var plan = Enum.GetValues<IronPlan>().Where(p => p.ToId() == planText).Cast<IronPlan?>().FirstOrDefault();
                    if (planText is not null && plan is null)
                    {
                        errors.Add(at, $"ironPlan '{planText}' is not one of {string.Join(", ", Enum.GetValues<IronPlan>().Select(p => p.ToId()))}");
                    }

                    return plan is null ? null : new IronPlanRule(plan.Value);
                case "anemia":
                    return Scalar() switch
                    {
                        "any" => new AnemiaRule(SevereOnly: false),
                        "severe" => new AnemiaRule(SevereOnly: true),
                        null => null,
                        var other => ErrorRule(at, $"anemia must be any or severe, not '{other}'"),
                    };
                case "inflammation" or "pregnant":
                    var flag = Scalar();
                    if (!bool.TryParse(flag, out var truth))
                    {
                        return flag is null ? null : ErrorRule(at, $"{key} must be true or false, not '{flag}'");
                    }

                    return key == "pregnant" ? new PregnantRule(truth) : new InflammationRule(truth);
                case "sex":
                    return Scalar() switch
                    {
                        "female" => new SexRule(Sex.Female),
                        "male" => new SexRule(Sex.Male),
                        null => null,
                        var other => ErrorRule(at, $"sex must be female or male, not '{other}'"),
                    };
                case "ageAtLeast" or "ageBelow":
                    var years = Scalar();
                    if (!decimal.TryParse(years, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var age) || age < 0)
                    {
                        return years is null ? null : ErrorRule(at, $"{key} must be a number of years, not '{years}'");
                    }

                    return new AgeRule(age, AtLeast: key == "ageAtLeast");
                case "triageAtLeast":
                    var levelText = Scalar();
                    if (!TriageLevels.TryParse(levelText, out var level))
                    {
                        return levelText is null ? null : ErrorRule(at, $"triageAtLeast must be a triage level, not '{levelText}'");
                    }

                    return new TriageAtLeastRule(level);
                default:
                    return ErrorRule(at, $"unknown rule '{key}'");
            }
        }

        private Rule? ReadLabStatusRule(YamlNode value, string file, SourceLocation at)
        {
            if (value is not YamlMappingNode mapping)
            {
                return ErrorRule(at, "rule 'lab' needs { analyte: id, status: [..] }");
            }

            var map = new YamlMap(mapping, file, errors);
            map.OnlyKeys("analyte", "status");
            var analyte = map.Str("analyte");
            Uses(ReferenceKind.Analyte, analyte, at);
            var statuses = new List<LabStatus>();
            foreach (var text in map.Strings("status"))
            {
                var status = Enum.GetValues<LabStatus>().Where(s => s.ToId() == text).Cast<LabStatus?>().FirstOrDefault();
                if (status is null)
                {
                    map.Error($"lab status '{text}' is not one of {string.Join(", ", Enum.GetValues<LabStatus>().Select(s => s.ToId()))}");
                }
                else
                {
                    statuses.Add(status.Value);
                }
            }

            return analyte is null || statuses.Count == 0 ? null : new LabStatusRule(analyte, statuses);
        }

        private Rule? ErrorRule(SourceLocation at, string message)
        {
            errors.Add(at, message);
            return null;
        }
    }

    /// <summary>Checks what a single entry cannot: that every id used exists and every required piece is there.</summary>
    private sealed class Validator(KnowledgeBase knowledge, Reader reader, ErrorSink errors)
    {
        public void Validate()
        {
            foreach (var (id, at) in reader.SourceUses)
            {
                if (!knowledge.Sources.ContainsKey(id))
                {
                    errors.Add(at, $"source '{id}' is not in sources.yaml{Suggest(id, knowledge.Sources.Keys)}");
                }
            }

            foreach (var (reference, at) in reader.References)
            {
                var (exists, known) = reference.Kind switch
                {
                    ReferenceKind.Finding => (knowledge.FindingsById.ContainsKey(reference.Id), knowledge.FindingsById.Keys.AsEnumerable()),
                    ReferenceKind.Condition => (knowledge.ConditionsById.ContainsKey(reference.Id), knowledge.ConditionsById.Keys),
                    ReferenceKind.Band => (knowledge.Bands.ContainsKey(reference.Id), knowledge.Bands.Keys),
                    ReferenceKind.Analyte => (knowledge.AnalytesById.ContainsKey(reference.Id), knowledge.AnalytesById.Keys),
                    ReferenceKind.Threshold => (knowledge.Thresholds.ContainsKey(reference.Id), knowledge.Thresholds.Keys),
                    ReferenceKind.MedicationClass => (knowledge.MedicationClassesById.ContainsKey(reference.Id), knowledge.MedicationClassesById.Keys),
                    ReferenceKind.RedFlag => (knowledge.RedFlags.Any(r => r.Id == reference.Id), knowledge.RedFlags.Select(r => r.Id)),
                    _ => (false, []),
                };
                if (!exists)
                {
                    errors.Add(at, $"{KindName(reference.Kind)} '{reference.Id}' does not exist{Suggest(reference.Id, known)}");
                }
            }

            foreach (var id in RequiredThresholds.Where(id => !knowledge.Thresholds.ContainsKey(id)))
            {
                errors.Add("labs.yaml", 1, $"threshold '{id}' is required by the engine but not defined");
            }

            foreach (var id in RequiredAnalytes.Where(id => !knowledge.AnalytesById.ContainsKey(id)))
            {
                errors.Add("labs.yaml", 1, $"analyte '{id}' is required by the engine but not defined");
            }

            foreach (var level in TriageLevels.All.Where(l => !knowledge.TriageAdvice.ContainsKey(l)))
            {
                errors.Add("triage.yaml", 1, $"triage level '{level.ToId()}' has no advice");
            }

            foreach (var band in RequiredBands.Where(b => !knowledge.Bands.ContainsKey(b)))
            {
                errors.Add("triage.yaml", 1, $"probability band '{band}' is required but not defined");
            }

            var groupIds = knowledge.Interview.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var finding in knowledge.Findings.Where(f => f.Group is { } g && !groupIds.Contains(g)))
            {
                errors.Add(finding.Location, $"finding '{finding.Id}' is in group '{finding.Group}', which interview.yaml does not define");
            }

            if (string.IsNullOrWhiteSpace(knowledge.Disclaimer))
            {
                errors.Add("triage.yaml", 1, "a disclaimer is required");
            }

            foreach (var recommendation in knowledge.Recommendations.Where(r => r.SourceIds.Count == 0))
            {
                errors.Add(recommendation.Location, $"recommendation '{recommendation.Id}' needs at least one source");
            }

            // Red flags are evaluated before triage is known and in file order, so these rules would silently read false.
            foreach (var redFlag in knowledge.RedFlags.Where(r => r.When.Descendants().Any(d => d is RedFlagRule or TriageAtLeastRule)))
            {
                errors.Add(redFlag.Location, $"red flag '{redFlag.Id}' cannot use 'redFlag' or 'triageAtLeast' rules; they are for recommendations");
            }

            foreach (var redFlag in knowledge.RedFlags.Where(r => r.SourceIds.Count == 0))
            {
                errors.Add(redFlag.Location, $"red flag '{redFlag.Id}' needs at least one source");
            }

            foreach (var threshold in knowledge.Thresholds.Values)
            {
                if (knowledge.AnalytesById.TryGetValue(threshold.AnalyteId, out var analyte)
                    && (threshold.Value < analyte.MinPossible || threshold.Value > analyte.MaxPossible))
                {
                    errors.Add(threshold.Location, $"threshold '{threshold.Id}' ({threshold.Value}) lies outside the possible bounds of '{analyte.Id}'");
                }
            }

            foreach (var drug in knowledge.MedicationClasses.SelectMany(c => c.Drugs.Select(d => (Drug: d, Class: c))).Where(x => !string.Equals(x.Drug, x.Drug.ToLowerInvariant(), StringComparison.Ordinal)))
            {
                errors.Add(drug.Class.Location, $"drug name '{drug.Drug}' must be a lower-case generic name");
            }
        }

        private static string KindName(ReferenceKind kind) => kind switch
        {
            ReferenceKind.MedicationClass => "medication class",
            ReferenceKind.RedFlag => "red flag",
            _ => kind.ToString().ToLowerInvariant(),
        };

        private static string Suggest(string id, IEnumerable<string> known)
        {
            var close = Spelling.Closest(id, known, 3);
            return close.Count == 0 ? "" : $"; did you mean {string.Join(", ", close.Select(c => $"'{c}'"))}?";
        }
    }
}
