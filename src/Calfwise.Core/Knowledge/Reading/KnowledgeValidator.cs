namespace Calfwise.Core.Knowledge.Reading;

/// <summary>Checks what a single entry cannot: that every id used exists and every required piece is there.</summary>
internal sealed class KnowledgeValidator(KnowledgeBase knowledge, KnowledgeReader reader, ErrorSink errors)
{
    public void Validate()
    {
        foreach (var (id, at) in reader.SourceUses)
        {
            if (!knowledge.Sources.ContainsKey(id))
            {
                errors.Add(at, $"source '{id}' is not in sources.yaml{Spelling.DidYouMean(id, knowledge.Sources.Keys)}");
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
                errors.Add(at, $"{KindName(reference.Kind)} '{reference.Id}' does not exist{Spelling.DidYouMean(reference.Id, known)}");
            }
        }

        foreach (var id in KnowledgeLoader.RequiredThresholds.Where(id => !knowledge.Thresholds.ContainsKey(id)))
        {
            errors.Add("labs.yaml", 1, $"threshold '{id}' is required by the engine but not defined");
        }

        foreach (var id in KnowledgeLoader.RequiredAnalytes.Where(id => !knowledge.AnalytesById.ContainsKey(id)))
        {
            errors.Add("labs.yaml", 1, $"analyte '{id}' is required by the engine but not defined");
        }

        foreach (var level in TriageLevels.All.Where(l => !knowledge.TriageAdvice.ContainsKey(l)))
        {
            errors.Add("triage.yaml", 1, $"triage level '{level.ToId()}' has no advice");
        }

        foreach (var band in KnowledgeLoader.RequiredBands.Where(b => !knowledge.Bands.ContainsKey(b)))
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

}
