using Calfwise.Core.Engine;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Contracts;

/// <summary>The one place where domain results become the JSON contracts of docs/case-format.md and docs/interview.md.</summary>
public static class Responses
{
    // Made once per knowledge object and encoded once (SharedParts.cs): the same in every answer.
    internal static readonly SharedParts<AppliedRecommendation, RecommendationResponse> Recommendations = new(r => new RecommendationResponse(
        r.Id,
        r.Kind.ToId(),
        r.Title,
        r.Text,
        r.Sources.Select(s => new SourceResponse(s.Id, s.Citation, s.Url, s.Grade.ToString())).ToList()));

    internal static readonly SharedParts<EvidenceItem, EvidenceResponse> Evidence = new(e => new EvidenceResponse(KindId(e.Kind), e.Id, e.Label, e.LikelihoodRatio, e.Source, e.Grade.ToString()));

    public static AssessmentResponse From(Assessment assessment, string knowledgeVersion)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new(
            Triage(assessment.Triage),
            RedFlags(assessment.RedFlags),
            assessment.Differential.Select(Condition).ToList(),
            Labs(assessment.Labs),
            Iron(assessment.Iron),
            Criteria(assessment),
            assessment.Recommendations.Select(Recommendations.For).ToList(),
            assessment.Warnings,
            assessment.Disclaimer,
            knowledgeVersion);
    }

    // The parts of an answer, one mapping each: From above and CompactAnswer, which writes an assessment without
    // making the whole answer, both use them.
    internal static TriageResponse Triage(TriageResult triage) => new(triage.Level.ToId(), triage.Advice, triage.Reasons);

    internal static List<RedFlagResponse> RedFlags(IReadOnlyList<FiredRedFlag> flags) => flags.Select(f => new RedFlagResponse(f.Id, f.Level.ToId(), f.Text, f.Sources)
    {
        Condition = f.ConditionId,
        NotRuledOut = f.NotRuledOut.Count > 0 ? f.NotRuledOut : null,
    }).ToList();

    internal static ConditionResponse Condition(ConditionResult condition) => new(
        condition.Id,
        condition.Name,
        Probability(condition),
        condition.Prior,
        condition.Triage.ToId(),
        condition.Evidence.Count == 0 ? [] : condition.Evidence.Select(Evidence.For).ToList());

    /// <summary>A condition's probability as the answer gives it: rounded to 4 places.</summary>
    internal static double Probability(ConditionResult condition) => Math.Round(condition.Probability, 4);

    internal static List<LabResponse> Labs(IReadOnlyList<LabResult> labs) => labs.Select(From).ToList();

    internal static IronResponse Iron(IronAssessment iron) => new(iron.Plan.ToId(), iron.Explanation, iron.Inflammation, iron.Anemia, iron.SevereAnemia, iron.Sources);

    internal static CriteriaResponse Criteria(Assessment assessment) => new(new IrlssgResponse(
        assessment.Criteria.Status.ToId(),
        assessment.Criteria.Relevant,
        assessment.Criteria.Source,
        assessment.Criteria.Criteria.Select(c => new CriterionResponse(c.Number, c.Text, c.Status.ToId(), c.Note)).ToList()))
    {
        Irls = assessment.Irls is { } irls ? new IrlsResponse(irls.Total, irls.Max, irls.Band, irls.Source, irls.LicenceNote) : null,
    };

    public static LabsResponse From(IReadOnlyList<LabResult> labs) => new(Labs(labs));

    public static LabResponse From(LabResult lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        return new(lab.Analyte, lab.Name, lab.Loinc, lab.Value, lab.Unit, lab.CanonicalValue, lab.CanonicalUnit, lab.Status.ToId(), lab.Low, lab.High, lab.RangeSource, lab.Derived, lab.Note);
    }

    public static NextQuestionResponse From(InterviewStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var alert = step.Alert is { } a ? new AlertResponse(a.Level.ToId(), a.Ids, a.Advice) : null;
        if (step.Question is not { } question)
        {
            return new NextQuestionResponse { Done = true, Reason = step.DoneReason ?? "", Alert = alert };
        }

        return new NextQuestionResponse
        {
            Alert = alert,
            Question = new QuestionResponse(
                question.Id,
                question.Kind switch
                {
                    QuestionKind.Opening => "opening",
                    QuestionKind.RedFlag => "red-flag",
                    QuestionKind.Labs => "labs",
                    _ => "finding",
                },
                question.Text,
                question.Why,
                question.Items.Select(i => new QuestionFindingResponse(i.FindingId, i.Text, i.Label)).ToList(),
                question.Analytes,
                question.Kind == QuestionKind.Labs
                    ? "Add the results to 'labs', or add this question's id to 'labsUnavailable'."
                    : question.Checklist
                        ? "Set each ticked finding to true and the rest to false in 'findings'" + (question.NotSure ? "; null for not sure." : ".")
                        : "Set each finding to true (yes), false (no) or null (don't know) in 'findings'.")
            {
                Checklist = question.Checklist,
                NotSure = question.NotSure,
            },
        };
    }

    private static string KindId(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Finding => "finding",
        EvidenceKind.Lab => "lab",
        EvidenceKind.Medication => "medication",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
