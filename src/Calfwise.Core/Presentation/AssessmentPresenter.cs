using System.Globalization;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Presentation;

/// <summary>
/// Builds the <see cref="AssessmentView"/> of an assessment: the one place that decides which causes are shown and in
/// which order (the conditions of fired red flags first, highest level first, then by probability), which evidence
/// is named, and how sources are numbered (in reading order: red flags, causes, criteria, iron, plan).
/// </summary>
public sealed class AssessmentPresenter(KnowledgeBase knowledge)
{
    public AssessmentView Present(Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var sources = new SourceNumbers(knowledge);
        var redFlags = assessment.RedFlags
            .Select(f => new RedFlagView(f.Id, f.Level, f.Text, sources.Cite(f.Sources)))
            .ToList();
        var differential = Differential(assessment, sources);
        var criteria = assessment.Criteria.Relevant
            ? new CriteriaView(assessment.Criteria.Status, assessment.Criteria.Criteria, sources.Cite(assessment.Criteria.Source))
            : null;
        var iron = new IronView(assessment.Iron.Plan, assessment.Iron.Explanation, sources.Cite(assessment.Iron.Sources));
        var plan = assessment.Recommendations
            .Select((r, i) => new PlanStep(i + 1, r.Id, r.Kind.ToId(), r.Title, r.Text, sources.Cite(r.Sources.Select(s => s.Id))))
            .ToList();
        return new AssessmentView(
            new TriageView(assessment.Triage.Level, Heading(assessment.Triage.Level), assessment.Triage.Advice, assessment.Triage.Reasons),
            redFlags,
            differential,
            criteria,
            assessment.Irls,
            assessment.Labs,
            iron,
            plan,
            sources.Numbered,
            assessment.Warnings,
            assessment.Disclaimer);
    }

    /// <summary>The heading of a triage level in plain words.</summary>
    public static string Heading(TriageLevel level) => level switch
    {
        TriageLevel.Emergency => "Emergency: get help now",
        TriageLevel.Urgent => "Urgent: see a doctor today",
        TriageLevel.Routine => "Book an appointment with your doctor",
        _ => "You can look after this at home",
    };

    /// <summary>A probability as a person reads it: a whole percentage, or "under 1%".</summary>
    public static string Percent(double probability) =>
        probability < PresentationPolicy.SmallestPercent ? "under 1%" : probability.ToString("0%", CultureInfo.InvariantCulture);

    private static DifferentialView Differential(Assessment assessment, SourceNumbers sources)
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
                    .ToList()))
            .ToList();
        return new DifferentialView(shown, ordered.Count - shown.Count, PresentationPolicy.ShownProbability, flagged.Count > 0);
    }

    /// <summary>Numbers sources in the order they are first cited.</summary>
    private sealed class SourceNumbers(KnowledgeBase knowledge)
    {
        private readonly List<NumberedSource> numbered = [];

        public IReadOnlyList<NumberedSource> Numbered => numbered;

        public List<int> Cite(IEnumerable<string> ids) => ids.Select(Cite).Distinct().ToList();

        public int Cite(string id)
        {
            var index = numbered.FindIndex(s => s.Id == id);
            if (index >= 0)
            {
                return index + 1;
            }

            var number = numbered.Count + 1;
            numbered.Add(knowledge.Sources.TryGetValue(id, out var source)
                ? new NumberedSource(number, id, source.Citation, source.Url, source.Grade)
                : new NumberedSource(number, id, id, "", EvidenceGrade.D));
            return number;
        }
    }
}
