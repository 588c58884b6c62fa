using System.Globalization;
using Hl7.Fhir.Model;

namespace Calfwise.Fhir;

public sealed partial class FhirAssessmentWriter
{
    /// <summary>The interview: every finding of the knowledge base as a yes/no question, versioned by the knowledge.</summary>
    private Questionnaire Interview() => new()
    {
        Url = FhirSystems.InterviewQuestionnaire,
        Version = knowledge.Version,
        Name = "CalfwiseInterview",
        Title = "Calfwise interview",
        Status = PublicationStatus.Active,
        SubjectType = [ResourceType.Patient],
        Item = knowledge.Findings.Select(f => new Questionnaire.ItemComponent
        {
            LinkId = f.Id,
            Text = f.Question,
            Type = Questionnaire.QuestionnaireItemType.Boolean,
        }).ToList(),
    };

    /// <summary>
    /// The answers given in the knowledge base's order: yes or no as <c>valueBoolean</c>, "I don't know" as the
    /// data-absent-reason <c>asked-unknown</c>.
    /// </summary>
    private QuestionnaireResponse Answers(WriteContext context, ResourceReference patient) => new()
    {
        Questionnaire = $"{FhirSystems.InterviewQuestionnaire}|{knowledge.Version}",
        Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
        Subject = patient,
        Authored = context.Now.ToString("o", CultureInfo.InvariantCulture),
        Item = knowledge.Findings.Where(f => context.Input.WasAsked(f.Id)).Select(f => new QuestionnaireResponse.ItemComponent
        {
            LinkId = f.Id,
            Text = f.Question,
            Answer = [new QuestionnaireResponse.AnswerComponent { Value = AnswerValue(context.Input.Answer(f.Id)) }],
        }).ToList(),
    };

    private static DataType AnswerValue(bool? answer) =>
        answer is { } yesNo ? new FhirBoolean(yesNo) : new Coding(FhirSystems.DataAbsentReason, FhirSystems.AskedUnknown, "Asked But Unknown");
}
