using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Presentation;

/// <summary>
/// The first layer of the results, in plain words from the knowledge (the <c>plain</c> fields of triage levels,
/// conditions and recommendations, the <c>advice</c> of red flags), with the local numbers filled in:
/// <list type="bullet">
/// <item>the advice: the highest fired red flag's own advice when it has one and sets the level (so the banner gives
/// the same time frame as the plan, for example a scan within 4 hours for a possible clot), else the level's;</item>
/// <item>what it probably is: the leading causes, and those of fired red flags, with their chance in words (a red flag's
/// cause below 'possible' "needs checking": the warning sign, not the number, decides);</item>
/// <item>what to do: the advice, then the plan's plain steps (treatment first, <see cref="PresentationPolicy.PlainStepOrder"/>),
/// at most <see cref="PresentationPolicy.PlainSteps"/>; in an emergency the advice alone;</item>
/// <item>what would change the advice: the level's <c>changes</c>.</item>
/// </list>
/// </summary>
internal sealed class PlainLayer(KnowledgeBase knowledge, Locale locale)
{
    public PlainView Build(Assessment assessment, DifferentialView differential)
    {
        var level = assessment.Triage.Level;
        var triage = knowledge.TriageAdvice[level];
        var advice = Advice(level, assessment.RedFlags);

        var leading = knowledge.Bands["leading"].Probability;
        var causes = differential.Shown
            .Where(c => c.FromRedFlag || c.Probability >= leading)
            .Take(PresentationPolicy.PlainCauses)
            .Select(c => new PlainCause(
                c.Id,
                c.Name,
                c.FromRedFlag && c.Probability < knowledge.Bands["possible"].Probability ? PresentationPolicy.RedFlagBand : c.Band,
                c.Percent,
                knowledge.ConditionsById.TryGetValue(c.Id, out var condition) ? condition.Plain : c.Summary))
            .ToList();

        // The advice says where to go; the plan's own "where to go" step (the first, from the top of
        // recommendations.yaml) would repeat it, perhaps with another time frame. In an emergency nothing else is a
        // step: the rest waits until help has been reached.
        var plan = level == TriageLevel.Emergency
            ? [locale.Fill(triage.Plain)]
            : assessment.Recommendations
                .SkipWhile((r, i) => i == 0 && r.Kind == RecommendationKind.Care)
                .OrderBy(r => PresentationPolicy.PlainStepOrder.IndexOf(r.Kind))
                .Select(r => knowledge.RecommendationsById.TryGetValue(r.Id, out var known) ? known.Plain : null)
                .OfType<string>()
                .Select(locale.Fill)
                .ToList();
        var steps = plan
            .Prepend(advice)
            .Distinct(StringComparer.Ordinal)
            .Take(PresentationPolicy.PlainSteps)
            .ToList();

        return new PlainView(advice, causes, steps, triage.Changes.Select(locale.Fill).ToList(), locale.CallEmergency);
    }

    /// <summary>
    /// The advice for a level in plain words: the first fired red flag at that level with advice of its own (so its
    /// time frame is the one given), else the level's; with the local numbers.
    /// </summary>
    public string Advice(TriageLevel level, IEnumerable<FiredRedFlag> redFlags) => locale.Fill(AdviceText(knowledge, level, redFlags));

    /// <summary>
    /// The one rule for what to do now, before the locale fills its placeholders: the advice of the first fired red flag
    /// of the triage level (its own time frame, such as a scan within 4 hours), else the level's plain advice. The
    /// results banner and the interview's immediate advice both use it, so they always say the same.
    /// </summary>
    public static string AdviceText(KnowledgeBase knowledge, TriageLevel level, IEnumerable<FiredRedFlag> redFlags)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var flagAdvice = redFlags
            .Where(f => f.Level == level)
            .Select(f => knowledge.RedFlags.FirstOrDefault(r => r.Id == f.Id)?.Advice)
            .FirstOrDefault(a => a is not null);
        return flagAdvice ?? knowledge.TriageAdvice[level].Plain;
    }
}
