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

    /// <summary>Per criterion, the results that read the same for every case, made once: see <see cref="Shared"/>.</summary>
    private readonly CriterionResult[][] _shared = [.. knowledge.Rls.Criteria.OrderBy(c => c.Number).Select(c => new CriterionResult[]
    {
        new(c.Number, c.Text, CriterionStatus.Met, null),
        new(c.Number, c.Text, CriterionStatus.NotMet, null),
        new(c.Number, c.Text, CriterionStatus.Unknown, null),
        new(c.Number, c.Text, CriterionStatus.Unknown, NotAllAsked),
    })];

    /// <summary>
    /// The whole result when every criterion reads a shared result, by those results (base 4) and relevance: most
    /// cases (no symptom of restless legs answered) read one of a few. Made on first use; none for a long list.
    /// </summary>
    private readonly RlsCriteriaResult?[]? _byOutcome = knowledge.Rls.Criteria.Count <= MaxSharedCriteria ? new RlsCriteriaResult?[2 << (2 * knowledge.Rls.Criteria.Count)] : null;

    private const int MaxSharedCriteria = 6;

    private const string NotAllAsked = "Not every look-alike condition has been asked about.";

    /// <summary>The indexes of <see cref="_shared"/>'s results, as their status.</summary>
    private static readonly CriterionStatus[] SharedStatus = [CriterionStatus.Met, CriterionStatus.NotMet, CriterionStatus.Unknown, CriterionStatus.Unknown];

    private enum Shared : byte
    {
        Met,
        NotMet,
        Unknown,
        NotAllAsked,
        /// <summary>A result with a note that names the case's own findings or conditions.</summary>
        None,
    }

    public RlsCriteriaResult Evaluate(ValidatedCase input, IReadOnlyList<ConditionResult> differential)
    {
        var rls = Probability(differential, ConditionId);
        Span<Shared> outcomes = stackalloc Shared[_criteria.Length];
        CriterionResult[]? results = null; // made only when a result is the case's own
        bool anyMet = false, anyNotMet = false, allMet = true;
        for (var i = 0; i < _criteria.Length; i++)
        {
            var criterion = _criteria[i];
            CriterionResult? own = null;
            outcomes[i] = criterion.FindingId is { } findingId
                ? input.Answer(findingId) switch
                {
                    true => Shared.Met,
                    false => Shared.NotMet,
                    null => Shared.Unknown,
                }
                : JudgeMimics(input, criterion, differential, rls, out own);
            if (own is not null)
            {
                results ??= new CriterionResult[_criteria.Length];
                results[i] = own;
            }

            var status = own?.Status ?? SharedStatus[(int)outcomes[i]];
            anyMet |= status == CriterionStatus.Met;
            anyNotMet |= status == CriterionStatus.NotMet;
            allMet &= status == CriterionStatus.Met;
        }

        var overall = anyNotMet ? CriterionStatus.NotMet : allMet ? CriterionStatus.Met : CriterionStatus.Unknown;
        // Shown only when restless legs are in question: a criterion met, or restless legs at least possible.
        var relevant = anyMet || rls >= knowledge.Bands["possible"].Probability;
        if (results is null && _byOutcome is not null)
        {
            var key = relevant ? 1 : 0;
            foreach (var outcome in outcomes)
            {
                key = (key << 2) | (int)outcome;
            }

            // Shared by every case with these outcomes: read-only.
            return _byOutcome[key] ??= new RlsCriteriaResult(overall, Array.AsReadOnly(Fill(new CriterionResult[_criteria.Length], outcomes)), knowledge.Rls.CriteriaSourceId) { Relevant = relevant };
        }

        return new RlsCriteriaResult(overall, Fill(results ?? new CriterionResult[_criteria.Length], outcomes), knowledge.Rls.CriteriaSourceId) { Relevant = relevant };
    }

    /// <summary>The shared results into the slots no own result took.</summary>
    private CriterionResult[] Fill(CriterionResult[] results, ReadOnlySpan<Shared> outcomes)
    {
        for (var i = 0; i < results.Length; i++)
        {
            results[i] ??= _shared[i][(int)outcomes[i]];
        }

        return results;
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

    /// <summary>Criterion 5 (see the remarks): a shared result, or <see cref="Shared.None"/> with the case's own in <paramref name="own"/>.</summary>
    private Shared JudgeMimics(ValidatedCase input, IrlssgCriterion criterion, IReadOnlyList<ConditionResult> differential, double rls, out CriterionResult? own)
    {
        own = null;
        var mimics = criterion.Mimics;
        List<string>? explaining = null;
        bool present = false, unanswered = false;
        for (var i = 0; i < mimics.Count; i++)
        {
            switch (input.Answer(mimics[i].FindingId))
            {
                case true:
                    present = true;
                    if (mimics[i].ConditionId is { } conditionId && Probability(differential, conditionId) > rls
                        && knowledge.ConditionsById[conditionId].Name is var name && explaining?.Contains(name) != true)
                    {
                        (explaining ??= []).Add(name);
                    }

                    break;
                case null:
                    unanswered = true;
                    break;
            }
        }

        if (explaining is not null)
        {
            own = new CriterionResult(criterion.Number, criterion.Text, CriterionStatus.NotMet, $"Better explained by: {string.Join(", ", explaining)}.");
            return Shared.None;
        }

        if (present)
        {
            var labels = mimics.Where(m => input.Answer(m.FindingId) == true).Select(m => knowledge.FindingsById[m.FindingId].Label.ToLowerInvariant());
            own = new CriterionResult(criterion.Number, criterion.Text, CriterionStatus.Unknown, $"A clinician should judge whether {string.Join(", ", labels)} explains the symptoms.");
            return Shared.None;
        }

        return unanswered ? Shared.NotAllAsked : Shared.Met;
    }

    private static double Probability(IReadOnlyList<ConditionResult> differential, string id)
    {
        for (var i = 0; i < differential.Count; i++)
        {
            if (differential[i].Id == id)
            {
                return differential[i].Probability;
            }
        }

        return 0;
    }
}
