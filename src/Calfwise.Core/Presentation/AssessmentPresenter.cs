using System.Globalization;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Presentation;

/// <summary>
/// Builds the <see cref="AssessmentView"/> of an assessment: the one place that decides which causes are shown and in
/// which order (the conditions of fired red flags first, highest level first, then by probability), which evidence
/// is named, how sources are numbered (in reading order: red flags, causes, criteria, iron, plan; the project's own
/// policy last), and the first layer in plain words (<see cref="PlainLayer"/>) with the numbers of the
/// <paramref name="locale"/> (the default country when none is given).
/// </summary>
public sealed class AssessmentPresenter(KnowledgeBase knowledge, Locale? locale = null)
{
    private readonly Locale _locale = locale ?? Locale.Default;

    public AssessmentView Present(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);

        // Two passes: the first finds the reading order of the sources, the second numbers them with the project's
        // own policy and estimates after every published source.
        var order = Build(assessment, new SourceNumbers(knowledge, [])).References
            .OrderBy(s => IsProjectSource(s) ? 1 : 0)
            .Select(s => s.Id)
            .ToList();
        return Build(assessment, new SourceNumbers(knowledge, order));
    }

    /// <summary>
    /// What the banner says for a level and the red flags fired so far, in plain words with the local numbers: the
    /// interview's advice as soon as a red flag fires and the results' banner use this one rule, so they agree.
    /// </summary>
    public string Advice(TriageLevel level, IEnumerable<FiredRedFlag> redFlags) => new PlainLayer(knowledge, _locale).Advice(level, redFlags);

    /// <summary>The heading of a triage level in plain words.</summary>
    public static string Heading(TriageLevel level) => level switch
    {
        TriageLevel.Emergency => "Emergency: get help now",
        TriageLevel.Urgent => "Urgent: see a doctor today",
        TriageLevel.Routine => "Book an appointment with your doctor",
        _ => "You can look after this at home",
    };

    /// <summary>The heading of the warning signs of one level, in the words of that level.</summary>
    public static string RedFlagHeading(TriageLevel level) => level switch
    {
        TriageLevel.Emergency => "Signs that need emergency help now",
        TriageLevel.Urgent => "Signs to see a doctor about today",
        TriageLevel.Routine => "Worth checking with your doctor (not urgent)",
        _ => "Good to know",
    };

    /// <summary>A probability as a person reads it: a whole percentage, or "under 1%".</summary>
    public static string Percent(double probability) =>
        probability < PresentationPolicy.SmallestPercent ? "under 1%" : probability.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>A probability in words, from the bands of triage.yaml ("likely", "possible"); "unlikely" below them all.</summary>
    public string Band(double probability) => knowledge.Words(probability);

    private static bool IsProjectSource(NumberedSource source) => !source.Url.StartsWith("http", StringComparison.Ordinal);

    private AssessmentView Build(Assessment assessment, SourceNumbers sources)
    {
        var redFlags = assessment.RedFlags
            .Select(f => new RedFlagView(f.Id, f.Level, f.Text, sources.Cite(f.Sources)))
            .ToList();
        var differential = Differential(assessment, sources);
        var criteria = assessment.Criteria.Relevant
            ? new CriteriaView(assessment.Criteria.Status, assessment.Criteria.Criteria, sources.Cite(assessment.Criteria.Source))
            : null;
        var iron = new IronView(assessment.Iron.Plan, assessment.Iron.Explanation, sources.Cite(assessment.Iron.Sources));
        var labReadings = LabReadings(assessment, sources);
        var plan = assessment.Recommendations
            .Select((r, i) => new PlanStep(i + 1, r.Id, r.Kind.ToId(), r.Title, r.Text, sources.Cite(r.Sources.Select(s => s.Id).Concat(LocalSources(r.Id)))))
            .ToList();
        var plain = new PlainLayer(knowledge, _locale).Build(assessment, differential);
        return new AssessmentView(
            new TriageView(assessment.Triage.Level, Heading(assessment.Triage.Level), plain.Advice, assessment.Triage.Reasons),
            redFlags,
            differential,
            criteria,
            assessment.Irls,
            assessment.Labs,
            iron,
            plan,
            sources.Numbered,
            assessment.Warnings,
            assessment.Disclaimer)
        {
            Plain = plain,
            LabReadings = labReadings,
        };
    }

    /// <summary>The sources of the local form of a step (the iron tablet sold in the configured country).</summary>
    private IEnumerable<string> LocalSources(string recommendationId) =>
        knowledge.RecommendationsById.TryGetValue(recommendationId, out var r) && r.Plain?.Contains("{iron-tablet}", StringComparison.Ordinal) == true
            ? _locale.Iron?.SourceIds ?? []
            : [];

    /// <summary>
    /// Each lab against the threshold its decision used: a value on the treated side of a threshold with a reading
    /// ("low for restless legs") reads that way whatever the general range says, so the table never calls "normal"
    /// what the plan treats as low.
    /// </summary>
    private static List<LabReading> LabReadings(Assessment assessment, SourceNumbers sources)
    {
        var treats = assessment.Iron.Plan is IronPlan.OralOrIv or IronPlan.IvOnly or IronPlan.IvDialysis;
        return assessment.Labs
            .Select(lab =>
            {
                var used = treats
                    ? assessment.Iron.Thresholds.FirstOrDefault(t => t.AnalyteId == lab.Analyte && t.Reads is not null && t.ReadsWhen.Holds(lab.CanonicalValue, t.Value))
                    : null;
                var decision = used is null
                    ? null
                    : $"{used.Reads} ({used.ReadsWhen.Describe()} {used.Value.ToString("0.##", CultureInfo.InvariantCulture)} {lab.CanonicalUnit})";
                return new LabReading(lab.Analyte, decision, lab.RangeSource is { } source ? sources.Cite(source) : null);
            })
            .ToList();
    }

    private DifferentialView Differential(Assessment assessment, SourceNumbers sources)
    {
        var flagged = assessment.RedFlags
            .Where(f => f.ConditionId is not null)
            .OrderByDescending(f => f.Level)
            .Select(f => f.ConditionId)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var ordered = assessment.Differential
            .OrderBy(c => flagged.IndexOf(c.Id) is var i and >= 0 ? i : int.MaxValue)
            .ToList();
        var shown = ordered
            .Where((c, i) => i < PresentationPolicy.AlwaysShownConditions
                || c.Probability >= PresentationPolicy.ShownProbability
                || flagged.Contains(c.Id))
            .Select(c => new ConditionView(
                c.Id,
                c.Name,
                c.Summary,
                c.Probability,
                Percent(c.Probability),
                flagged.Contains(c.Id),
                c.Evidence
                    .Where(e => e.LikelihoodRatio != 1)
                    .OrderByDescending(e => Math.Abs(Math.Log(e.LikelihoodRatio)))
                    .Select(e => new EvidenceView(e.Label, e.LikelihoodRatio, "×" + e.LikelihoodRatio.ToString("0.##", CultureInfo.InvariantCulture), e.Grade, sources.Cite(e.Source)))
                    .ToList())
            {
                Band = Band(c.Probability),
            })
            .ToList();
        return new DifferentialView(shown, ordered.Count - shown.Count, PresentationPolicy.ShownProbability, flagged.Count > 0);
    }

    /// <summary>Numbers sources in the order given first (a previous pass's), then in the order they are first cited.</summary>
    private sealed class SourceNumbers(KnowledgeBase knowledge, List<string> order)
    {
        private readonly List<string> cited = [];

        public IReadOnlyList<NumberedSource> Numbered => cited
            .OrderBy(id => order.IndexOf(id) is var i and >= 0 ? i : order.Count + cited.IndexOf(id))
            .Select((id, i) => knowledge.Sources.TryGetValue(id, out var source)
                ? new NumberedSource(i + 1, id, source.Citation, source.Url, source.Grade)
                : new NumberedSource(i + 1, id, id, "", EvidenceGrade.D))
            .ToList();

        public List<int> Cite(IEnumerable<string> ids) => ids.Select(Cite).Distinct().ToList();

        public int Cite(string id)
        {
            if (!cited.Contains(id))
            {
                cited.Add(id);
            }

            return order.IndexOf(id) is var i and >= 0 ? i + 1 : order.Count + cited.IndexOf(id) + 1;
        }
    }
}
