namespace Calfwise.Core.Knowledge.Reading;

/// <summary>interview.yaml and diary.yaml.</summary>
internal sealed partial class KnowledgeReader
{
    /// <summary>The diary policy, or null when a required value is missing (already reported: nothing is guessed).</summary>
    private DiaryPolicy? ReadDiary(NodeMap root)
    {
        root.OnlyKeys("minEpisodes", "minDaysEach", "restShare", "eveningShare", "evening", "associationRatio", "factors");
        (double Value, string Finding)? Share(string key)
        {
            var map = root.Map(key);
            map?.OnlyKeys("value", "finding", "source");
            if (map is null)
            {
                return null;
            }

            SourceRef(map);
            var finding = map.Str("finding");
            Uses(ReferenceKind.Finding, finding, map.Location);
            var value = map.Double("value");
            if (value is <= 0 or > 1)
            {
                map.Error($"'{key}' must be a share above 0 and at most 1, not {value}");
            }

            return value is null || finding is null ? null : (value.Value, finding);
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

        var (minEpisodes, minDays, from, to, association) = (root.Int("minEpisodes"), root.Int("minDaysEach"), hours?.Int("from"), hours?.Int("to"), ratio?.Double("value"));
        return rest is not { } r || evening is not { } e || minEpisodes is null || minDays is null || from is null || to is null || association is null
            ? null
            : new DiaryPolicy(minEpisodes.Value, r.Value, r.Finding, e.Value, e.Finding, from.Value, to.Value, association.Value, minDays.Value, factors);
    }

    /// <summary>The interview's settings, or null when a required value is missing (already reported: nothing is guessed).</summary>
    private InterviewKnowledge? ReadInterview(NodeMap root)
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
            group.OnlyKeys("id", "text", "checklist");
            if (Id(group) is { } id && group.Str("text") is { } text)
            {
                groups.Add(new QuestionGroup(id, text, group.Bool("checklist", required: false) ?? false));
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
            var (id, text, analytes, when) = (Id(request), request.Str("text"), request.Strings("analytes"), Rules.At(request, "when"));
            foreach (var analyte in analytes)
            {
                Uses(ReferenceKind.Analyte, analyte, request.Location);
            }

            if (id is not null && text is not null && when is not null)
            {
                requests.Add(new LabRequest(id, text, analytes, when));
            }
        }

        var (openingId, openingText, maxAnswers, maxGroup) = (opening?.Str("id"), opening?.Str("text"), root.Int("maxAnswers"), root.Int("maxGroupSize"));
        var (minAge, maxAge) = (ages?.Decimal("min"), ages?.Decimal("max"));
        return openingId is null || openingText is null || maxAnswers is null || maxGroup is null || minAge is null || maxAge is null
            ? null
            : new InterviewKnowledge(openingId, openingText, openingFindings, maxAnswers.Value, maxGroup.Value, minAge.Value, maxAge.Value, groups, triggers, requests);
    }
}
