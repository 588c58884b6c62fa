using Calfwise.Core.Cases;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Calfwise.Core.Presentation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Pages;

/// <summary>The interview, one question at a time; the case travels in a hidden field.</summary>
public sealed class InterviewModel(KnowledgeBase knowledge, Interviewer interviewer, TimeProvider clock, Locale locale) : PageModel
{
    public const int MedicationFields = 4;

    public KnowledgeBase Knowledge => knowledge;

    public Locale Locale => locale;

    /// <summary>The ids of urgent or emergency advice already shown.</summary>
    public HashSet<string> Seen { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Advice to show before the next question: urgent or emergency advice that became known with the last answer
    /// and has not been shown yet (null otherwise). An emergency is always shown: it ends the interview.
    /// </summary>
    public InterviewAlert? NewAlert => Step?.Alert is { } alert && (alert.Level == TriageLevel.Emergency || !alert.Ids.All(Seen.Contains)) ? alert : null;

    public string SeenText => string.Join(' ', Seen.Order(StringComparer.Ordinal));

    public PatientCase? Case { get; private set; }

    public InterviewStep? Step { get; private set; }

    public List<string[]> History { get; private set; } = [];

    public List<InputError> Errors { get; } = [];

    /// <summary>The first form as posted, so a refused age is shown again as typed.</summary>
    public StartInput Start { get; private set; } = new();

    public string CaseJsonText => Case is null ? "" : CaseJson.Write(Case);

    public int QuestionNumber => History.Count + 1;

    /// <summary>How a finding was answered in the case: yes, no, unknown, or null when not yet.</summary>
    public string? AnswerOf(string findingId) => Case?.Answer(findingId) switch
    {
        true => "yes",
        false => "no",
        null when Case?.DontKnow.Contains(findingId) == true => "unknown",
        _ => null,
    };

    public void OnGet()
    {
    }

    public void OnPostStart(StartInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Start = input;
        var (patient, errors) = input.Read(knowledge, clock);
        Errors.AddRange(errors);
        if (patient is not null)
        {
            Advance(patient, []);
        }
    }

    public void OnPostAnswer(AnswerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (ReadState(input) is not { } patient)
        {
            return;
        }

        // The question answered is the one the case leads to: its items and whether it is a checklist come from the
        // interview, never from the form, so a tampered form cannot answer questions that were not asked.
        if (interviewer.Next(patient).Value is not { Question: { Kind: not QuestionKind.Labs } question })
        {
            Advance(patient, History);
            return;
        }

        var ids = question.Items.Select(i => i.FindingId).ToArray();
        if (question.Checklist && !string.IsNullOrEmpty(input.None) && ids.Any(id => input.Answers.GetValueOrDefault(id) == "yes" || input.Unsure.ContainsKey(id)))
        {
            Errors.Add(new("answer", "You ticked some of these but pressed \"None of these\". Press Continue to keep what you ticked, or untick them."));
            Advance(patient, History);
            return;
        }

        foreach (var id in ids)
        {
            var answer = input.Answers.GetValueOrDefault(id);
            patient = answer switch
            {
                "yes" => patient.WithAnswer(id, true),
                "no" => patient.WithAnswer(id, false),
                "unknown" => patient.WithDontKnow(id),
                _ when question.Checklist && question.NotSure && input.Unsure.ContainsKey(id) => patient.WithDontKnow(id),
                _ when question.Checklist => patient.WithAnswer(id, false),
                _ => patient,
            };
        }

        if (ids.Any(id => patient.Answer(id) is null && !patient.DontKnow.Contains(id)))
        {
            Errors.Add(new("answer", "Please choose Yes, No or Not sure."));
            Advance(patient, History);
            return;
        }

        History.Add(ids);
        Advance(patient, History);
    }

    /// <summary>The person read the urgent advice and chose to go on answering for a fuller picture.</summary>
    public void OnPostContinue(InterviewStateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (ReadState(input) is { } patient)
        {
            Advance(patient, History);
            Seen.UnionWith(Step?.Alert?.Ids ?? []);
        }
    }

    public void OnPostLabs(LabStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (ReadState(input) is not { } patient)
        {
            return;
        }

        var request = knowledge.Interview.LabRequests.FirstOrDefault(r => r.Id == input.Request);
        if (request is null)
        {
            Errors.Add(new("request", "unknown lab request"));
            return;
        }

        var labs = patient.Labs.ToList();
        if (input.Have == "yes")
        {
            foreach (var analyteId in request.AnalyteIds)
            {
                var value = input.Values.GetValueOrDefault(analyteId);
                if (string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                if (!CaseState.TryParseDecimal(value, out var number))
                {
                    Errors.Add(new(analyteId, $"{knowledge.AnalytesById[analyteId].Name}: '{value}' is not a number."));
                    continue;
                }

                labs.Add(new LabInput(analyteId, number, input.Units.GetValueOrDefault(analyteId) ?? ""));
            }
        }

        var updated = labs.Count > patient.Labs.Count
            ? patient with { Labs = labs }
            : patient with { LabsUnavailable = new HashSet<string>(patient.LabsUnavailable) { request.Id } };
        foreach (var (analyteId, error) in LabErrors.OfEach(patient, labs.Skip(patient.Labs.Count), knowledge, clock))
        {
            Errors.Add(new(analyteId, $"{knowledge.AnalytesById[analyteId].Name}: {error.Message}"));
        }

        if (Errors.Count == 0)
        {
            Errors.AddRange(CaseValidator.Validate(updated, knowledge, clock).Errors.Select(e => e with { Message = $"{e.Field}: {e.Message}" }));
        }

        if (Errors.Count > 0)
        {
            Advance(patient, History); // ask again, with the problems shown
            return;
        }

        History.Add([]);
        Advance(updated, History);
    }

    public void OnPostBack(InterviewStateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (ReadState(input) is not { } patient)
        {
            return;
        }

        if (History.Count == 0)
        {
            Case = null; // back from the first question: the demographics form again
            return;
        }

        var last = History[^1];
        History.RemoveAt(History.Count - 1);
        foreach (var id in last)
        {
            patient = patient.WithoutAnswer(id);
        }

        Advance(patient, History);
    }

    public IEnumerable<string> UnitsFor(string analyteId) =>
        knowledge.AnalytesById[analyteId].AllUnits.Select(u => UnitText.Display(u.Code));

    private PatientCase? ReadState(InterviewStateInput input)
    {
        History = CaseState.ReadHistory(input.History);
        Seen = (input.Seen ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(64).ToHashSet(StringComparer.Ordinal);
        var read = CaseState.Read(input.Case, knowledge, CaseValidator.Today(clock));
        if (!read.IsValid)
        {
            Errors.AddRange(read.Errors);
            return null;
        }

        return read.Case;
    }

    private void Advance(PatientCase patient, List<string[]> history)
    {
        Case = patient;
        History = history;
        Step = interviewer.Next(patient).Value;
    }
}
