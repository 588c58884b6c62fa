using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Engine;

/// <summary>The IRLSSG 2014 diagnostic criteria and the IRLS severity scale (irlssg-2014-criteria, irls-scale-2003).</summary>
/// <remarks>
/// Criterion 5 (not solely explained by another condition) is judged from the mimics: not met when a mimic is
/// present and the condition it points to is more probable than restless legs; unknown while a mimic is present
/// but less probable, or while any mimic is unanswered; met when every mimic was answered no.
/// </remarks>
public sealed class RlsCriteria(KnowledgeBase knowledge)
{
    public const string ConditionId = "restless-legs";

    private readonly IrlssgCriterion[] _criteria = [.. knowledge.Rls.Criteria.OrderBy(c => c.Number)];

    public RlsCriteriaResult Evaluate(ValidatedCase input, IReadOnlyList<ConditionResult> differential)
    {
        var rls = Probability(differential, ConditionId);
        var results = new List<CriterionResult>(_criteria.Length);
        foreach (var criterion in _criteria)
        {
            if (criterion.FindingId is { } findingId)
            {
                var status = input.Answer(findingId) switch
                {
                    true => CriterionStatus.Met,
                    false => CriterionStatus.NotMet,
                    null => CriterionStatus.Unknown,
                };
                results.Add(new CriterionResult(criterion.Number, criterion.Text, status, null));
                continue;
            }

            results.Add(JudgeMimics(input, criterion, differential, rls));
        }

        var overall = results.Any(r => r.Status == CriterionStatus.NotMet) ? CriterionStatus.NotMet
            : results.All(r => r.Status == CriterionStatus.Met) ? CriterionStatus.Met
            : CriterionStatus.Unknown;
        // Shown only when restless legs are in question: a criterion met, or restless legs at least possible.
        var relevant = results.Any(r => r.Status == CriterionStatus.Met) || rls >= knowledge.Bands["possible"].Probability;
        return new RlsCriteriaResult(overall, results, knowledge.Rls.CriteriaSourceId) { Relevant = relevant };
    }

    public IrlsResult? Score(ValidatedCase input)
    {
        if (input.Irls is not { } items)
        {
            return null;
        }

        var scale = knowledge.Rls;
        var total = items.Sum();
        var band = scale.Bands.First(b => total >= b.Min && total <= b.Max);
        return new IrlsResult(total, scale.ItemCount * scale.MaxItemScore, band.Label, scale.ScaleSourceId, scale.LicenceNote);
    }

    private CriterionResult JudgeMimics(ValidatedCase input, IrlssgCriterion criterion, IReadOnlyList<ConditionResult> differential, double rls)
    {
        var present = criterion.Mimics.Where(m => input.Answer(m.FindingId) == true).ToList();
        var explaining = present
            .Select(m => m.ConditionId)
            .OfType<string>()
            .Where(c => Probability(differential, c) > rls)
            .Select(c => knowledge.ConditionsById[c].Name)
            .Distinct()
            .ToList();
        if (explaining.Count > 0)
        {
            return new CriterionResult(criterion.Number, criterion.Text, CriterionStatus.NotMet, $"Better explained by: {string.Join(", ", explaining)}.");
        }

        if (present.Count > 0)
        {
            var labels = present.Select(m => knowledge.FindingsById[m.FindingId].Label.ToLowerInvariant());
            return new CriterionResult(criterion.Number, criterion.Text, CriterionStatus.Unknown, $"A clinician should judge whether {string.Join(", ", labels)} explains the symptoms.");
        }

        var unanswered = criterion.Mimics.Where(m => input.Answer(m.FindingId) is null).ToList();
        return unanswered.Count > 0
            ? new CriterionResult(criterion.Number, criterion.Text, CriterionStatus.Unknown, "Not every look-alike condition has been asked about.")
            : new CriterionResult(criterion.Number, criterion.Text, CriterionStatus.Met, null);
    }

    private static double Probability(IReadOnlyList<ConditionResult> differential, string id) =>
        differential.FirstOrDefault(c => c.Id == id)?.Probability ?? 0;
}
