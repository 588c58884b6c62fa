using System.Collections.Frozen;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Interview;

/// <summary>
/// Chooses the next question from a partial case: the opening question, then any red-flag question made relevant
/// by what was said, then the question with the largest expected information gain whose answer could still change
/// the triage or the three leading conditions; then lab results when the plan depends on them.
/// </summary>
/// <remarks>
/// Stateless: everything it needs is in the case (answers, "I don't know" answers, labs declined), so a caller can
/// drive the interview one request at a time. Information gain is measured as the expected fall in the summed
/// binary entropy of the conditions, which are judged independently.
/// </remarks>
public sealed partial class Interviewer
{
    public const int TopConditions = 3;

    private readonly KnowledgeBase _knowledge;
    private readonly AssessmentEngine _engine;
    private readonly TimeProvider _time;
    private readonly FrozenDictionary<string, EvidenceRow[]> _evidenceByFinding;
    private readonly IReadOnlyList<(RedFlag Flag, RedFlagTrigger Trigger, string[] Findings)> _redFlagQuestions;
    private readonly FrozenSet<string> _redFlagFindings;
    private readonly FrozenDictionary<string, RedFlag[]> _redFlagsByFinding;
    private readonly double _possible;
    private readonly double _leading;
    private readonly string[] _candidateFindings;
    private readonly FrozenSet<string> _planFindings;

    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="time">The clock that says what day it is when a case is validated; the system clock by default.</param>
    public Interviewer(KnowledgeBase knowledge, TimeProvider? time = null)
    {
        _knowledge = knowledge;
        _time = time ?? TimeProvider.System;
        _engine = new AssessmentEngine(knowledge, _time);
        _evidenceByFinding = knowledge.Conditions
            .SelectMany((c, index) => c.Findings.Select(f => (f.FindingId, Row: new EvidenceRow(index, c.Id, c.Name, f.Present ?? 1, f.Absent ?? 1))))
            .GroupBy(x => x.FindingId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Row).ToArray(), StringComparer.Ordinal);
        _redFlagQuestions = knowledge.Interview.RedFlagTriggers
            .Select(t => (Flag: knowledge.RedFlags.First(f => f.Id == t.RedFlagId), Trigger: t))
            .OrderByDescending(x => x.Flag.Level)
            .Select(x => (x.Flag, x.Trigger, PositiveFindings(x.Flag.When)))
            .ToList();
        _redFlagFindings = knowledge.RedFlags.SelectMany(f => PositiveFindings(f.When)).ToFrozenSet(StringComparer.Ordinal);
        _redFlagsByFinding = knowledge.RedFlags
            .SelectMany(flag => flag.When.Descendants().OfType<FindingRule>().Select(rule => (rule.FindingId, Flag: flag)))
            .GroupBy(x => x.FindingId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Flag).Distinct().ToArray(), StringComparer.Ordinal);
        _possible = knowledge.Bands["possible"].Probability;
        _leading = knowledge.Bands["leading"].Probability;
        // Findings only the plan uses (postmenopausal, for example, decides whether blood loss is investigated).
        _planFindings = knowledge.Recommendations
            .SelectMany(r => r.When.Descendants().OfType<FindingRule>().Select(f => f.FindingId))
            .Where(f => !_evidenceByFinding.ContainsKey(f) && !_redFlagsByFinding.ContainsKey(f))
            .ToFrozenSet(StringComparer.Ordinal);
        _candidateFindings = _evidenceByFinding.Keys.Concat(_redFlagsByFinding.Keys).Concat(_planFindings)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    public KnowledgeBase Knowledge => _knowledge;

    /// <summary>Validates the case on today's date, then chooses the next step.</summary>
    public Result<InterviewStep> Next(PatientCase input) => CaseValidator.Validate(input, _knowledge, _time).Map(Next);

    /// <summary>
    /// Chooses the next step for a validated case. The what-ifs it weighs overlay answers on this case
    /// (<see cref="ValidatedCase.WithAnswer(Finding, bool)"/>), so the case is checked and its labs converted once per step.
    /// </summary>
    public InterviewStep Next(ValidatedCase input)
    {
        var interview = _knowledge.Interview;
        var assessment = _engine.Assess(input);
        var applies = new Applicability(this, input, assessment);
        var alert = Alert(assessment);
        if (assessment.Triage.Level == TriageLevel.Emergency)
        {
            // Before the opening too: a critical lab value or an answer already given can make it an emergency.
            var sign = assessment.RedFlags.FirstOrDefault(f => f.Level == TriageLevel.Emergency)?.Text ?? assessment.Triage.Advice;
            return InterviewStep.Finish("A warning sign needs emergency care now: " + sign, alert);
        }

        var opening = interview.OpeningFindings.Where(f => !input.WasAsked(f) && applies.Fits(f)).ToList();
        if (opening.Count > 0)
        {
            return InterviewStep.Ask(new InterviewQuestion(interview.OpeningId, QuestionKind.Opening, interview.OpeningText, Items(opening), [], "Knowing what you feel tells Calfwise which questions matter for you.") { Checklist = true, NotSure = true }, alert);
        }

        var fired = assessment.RedFlags.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        if (RedFlagQuestion(input, assessment, fired, applies) is { } safety)
        {
            return InterviewStep.Ask(safety, alert);
        }

        // Warning signs are asked whatever the number of answers: results entered at a lab request can make one decisive.
        if (WarningSigns(input, assessment, fired, applies) is { } screen)
        {
            return InterviewStep.Ask(screen, alert);
        }

        var asked = input.Findings.Count + input.DontKnow.Count;
        if (asked < interview.MaxAnswers && ChooseFinding(input, assessment, fired, applies) is { } question)
        {
            return InterviewStep.Ask(question, alert);
        }

        var request = interview.LabRequests.FirstOrDefault(r =>
            !input.LabsUnavailable.Contains(r.Id)
            && r.AnalyteIds.All(a => assessment.Labs.All(l => l.Analyte != a))
            && _engine.Holds(r.When, input, assessment));
        if (request is not null)
        {
            return InterviewStep.Ask(new InterviewQuestion(request.Id, QuestionKind.Labs, request.Text, [], request.AnalyteIds, "The advice depends on these results. If you don't have them, Calfwise will suggest asking for them."), alert);
        }

        return InterviewStep.Finish(
            asked >= interview.MaxAnswers
                ? "That is as many questions as Calfwise asks; here is what the answers so far suggest."
                : "The leading causes are clear enough: no remaining question would change them or how soon to seek care.",
            alert);
    }

    /// <summary>
    /// Whether the finding's question is for this person, given the answers so far: its audience (no question about
    /// periods for a man) and its <see cref="Finding.AskIf"/> (no "is the twitching spreading?" after "no twitching").
    /// </summary>
    public bool Applies(ValidatedCase input, string findingId) => new Applicability(this, input, _engine.Assess(input)).Fits(findingId);

    /// <inheritdoc cref="Applies(ValidatedCase, string)"/>
    public Result<bool> Applies(PatientCase input, string findingId) => CaseValidator.Validate(input, _knowledge, _time).Map(v => Applies(v, findingId));

    /// <summary>
    /// Urgent or emergency advice that holds already: what to do now, in the words and time frame of the results
    /// banner (<see cref="Presentation.PlainLayer.AdviceText"/>), then why, in the words of each fired red flag of the level.
    /// </summary>
    private InterviewAlert? Alert(Assessment assessment)
    {
        var level = assessment.Triage.Level;
        if (level < TriageLevel.Urgent)
        {
            return null;
        }

        var flags = assessment.RedFlags.Where(f => f.Level == level).ToList();
        var now = Presentation.PlainLayer.AdviceText(_knowledge, level, flags);
        return flags.Count > 0
            ? new InterviewAlert(level, flags.Select(f => f.Id).ToList(), [now, .. flags.Select(f => f.Text)])
            : new InterviewAlert(level, ["triage-" + level.ToId()], [now, .. assessment.Triage.Reasons]);
    }

    private InterviewQuestion? ChooseFinding(ValidatedCase input, Assessment assessment, HashSet<string> fired, Applicability applies)
    {
        var probabilities = assessment.Differential.ToDictionary(c => c.Id, c => c.Probability, StringComparer.Ordinal);
        var candidates = new List<(string FindingId, double Gain)>();
        foreach (var findingId in _candidateFindings)
        {
            if (!input.WasAsked(findingId) && applies.Fits(findingId))
            {
                candidates.Add((findingId, ExpectedGain(_evidenceByFinding.GetValueOrDefault(findingId, []), probabilities)));
            }
        }

        candidates.Sort((a, b) => b.Gain.CompareTo(a.Gain) is var c and not 0 ? c : string.CompareOrdinal(a.FindingId, b.FindingId));
        var baseline = Outcome(assessment);
        var context = new Lazy<IRuleContext>(() => _engine.Context(input, assessment));
        var conditionProbabilities = _knowledge.Conditions.Select(c => probabilities[c.Id]).ToArray();
        foreach (var (findingId, _) in candidates)
        {
            if ((_planFindings.Contains(findingId) ? CouldChangePlan(input, findingId, assessment) : CouldChange(input, findingId, assessment, context, conditionProbabilities, baseline)))
            {
                return Question(findingId, candidates, probabilities, applies);
            }
        }

        // No single answer changes the result, but many small ones together can. Most answers are "no": if answering
        // "no" to everything left would change the leading conditions, keep asking about the conditions it would move.
        var projected = input;
        foreach (var (findingId, _) in candidates)
        {
            projected = projected.WithAnswer(findingId, false);
        }

        var projection = Outcome(_engine.Assess(projected));
        if (projection.Triage == baseline.Triage && projection.Top.AsSpan().SequenceEqual(baseline.Top))
        {
            return null;
        }

        var moved = projection.Top.Except(baseline.Top).Concat(baseline.Top.Except(projection.Top)).ToHashSet(StringComparer.Ordinal);
        var next = moved.Count == 0
            ? candidates.FirstOrDefault(c => _redFlagFindings.Contains(c.FindingId))
            : candidates.FirstOrDefault(c => _evidenceByFinding.GetValueOrDefault(c.FindingId, []).Any(r => moved.Contains(r.ConditionId)));
        return next.FindingId is null ? null : Question(next.FindingId, candidates, probabilities, applies);
    }

    /// <summary>
    /// The question about <paramref name="findingId"/>: asked alone, or, when its group is a checklist, with the other
    /// findings of that group worth asking (never the sign of a red flag that what was said made relevant, which is
    /// asked with the other signs of its flag, "not sure" beside each).
    /// </summary>
    private InterviewQuestion Question(string findingId, List<(string FindingId, double Gain)> candidates, Dictionary<string, double> probabilities, Applicability applies)
    {
        var finding = _knowledge.FindingsById[findingId];
        var ids = new List<string> { findingId };
        var group = finding.Group is { } groupId ? _knowledge.Interview.Groups.First(g => g.Id == groupId) : null;
        var checklist = group is { Checklist: true } && !applies.IsTriggeredSign(findingId);
        if (checklist)
        {
            ids.AddRange(candidates
                .Where(c => c.FindingId != findingId && _knowledge.FindingsById[c.FindingId].Group == group!.Id && !applies.IsTriggeredSign(c.FindingId)
                    && applies.Fits(c.FindingId) && (c.Gain > 0 || _planFindings.Contains(c.FindingId) || _redFlagFindings.Contains(c.FindingId)))
                .Take(_knowledge.Interview.MaxGroupSize - 1)
                .Select(c => c.FindingId));
        }

        var text = ids.Count == 1 ? finding.Question : group!.Text;
        var separated = _evidenceByFinding.GetValueOrDefault(findingId, [])
            .Select(r => (r.ConditionName, Gain: ConditionGain(r, probabilities[r.ConditionId])))
            .OrderByDescending(x => x.Gain)
            .Take(3)
            .Select(x => x.ConditionName.ToLowerInvariant())
            .ToList();
        var why = separated.Count == 0 && _redFlagsByFinding.TryGetValue(findingId, out var flags)
            ? $"This checks for a warning sign: {flags[0].Text}"
            : $"Your answer helps tell apart {Join(separated)}.";
        return new InterviewQuestion(ids.Count == 1 ? findingId : group!.Id, QuestionKind.Finding, text, Items(ids), [], why) { Checklist = ids.Count > 1 };
    }

    private static string Join(List<string> names) => names.Count switch
    {
        0 => "the possible causes",
        1 => names[0] + " and other causes",
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    private List<QuestionItem> Items(IEnumerable<string> findingIds) =>
        findingIds.Select(id => _knowledge.FindingsById[id]).Select(f => new QuestionItem(f.Id, f.Question, f.Label)).ToList();

    private static string[] PositiveFindings(Rule rule) =>
        rule.Descendants().OfType<FindingRule>().Where(f => f.Answer == AnswerKind.Yes).Select(f => f.FindingId).Distinct().ToArray();

}
