using Calfwise.Core.Cases;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Pages;

/// <summary>The interview, one question at a time; the case travels in a hidden field.</summary>
public sealed class InterviewModel(KnowledgeBase knowledge, Interviewer interviewer) : PageModel
{
    public const int MedicationFields = 4;

    public KnowledgeBase Knowledge => knowledge;

    public PatientCase? Case { get; private set; }

    public InterviewStep? Step { get; private set; }

    public List<string[]> History { get; private set; } = [];

    public List<InputError> Errors { get; } = [];

    public string CaseJsonText => Case is null ? "" : CaseJson.Write(Case);

    public int QuestionNumber => History.Count + 1;

    public void OnGet()
    {
    }

    public void OnPostStart()
    {
        var form = Request.Form;
        if (!CaseState.TryParseDecimal(form["age"], out var age))
        {
            Errors.Add(new("age", "Please give your age in years, from 0 to 120."));
        }

        Sex? sex = form["sex"].ToString() switch
        {
            "female" => Sex.Female,
            "male" => Sex.Male,
            _ => null,
        };
        if (sex is null)
        {
            Errors.Add(new("sex", "Please choose female or male; blood test ranges depend on it."));
        }

        if (Errors.Count > 0)
        {
            return;
        }

        bool? pregnant = sex == Sex.Female ? form["pregnant"].ToString() switch { "yes" => true, "no" => false, _ => null } : null;
        var medications = Enumerable.Range(0, MedicationFields)
            .Select(i => form[$"medication{i}"].ToString().Trim().ToLowerInvariant())
            .Where(m => m.Length > 0)
            .Distinct()
            .ToList();
        var patient = new PatientCase(age, sex!.Value, pregnant, new Dictionary<string, bool>(), medications, [], null);
        Errors.AddRange(CaseValidator.Validate(patient, knowledge));
        if (Errors.Count == 0)
        {
            Advance(patient, []);
        }
    }

    public void OnPostAnswer()
    {
        if (ReadState() is not { } patient)
        {
            return;
        }

        var ids = Request.Form["items"].Select(i => i ?? "").Where(knowledge.FindingsById.ContainsKey).ToArray();
        foreach (var id in ids)
        {
            patient = Request.Form[$"answer-{id}"].ToString() switch
            {
                "yes" => patient.WithAnswer(id, true),
                "no" => patient.WithAnswer(id, false),
                _ => patient.WithDontKnow(id),
            };
        }

        History.Add(ids);
        Advance(patient, History);
    }

    public void OnPostLabs()
    {
        if (ReadState() is not { } patient)
        {
            return;
        }

        var requestId = Request.Form["request"].ToString();
        var request = knowledge.Interview.LabRequests.FirstOrDefault(r => r.Id == requestId);
        if (request is null)
        {
            Errors.Add(new("request", "unknown lab request"));
            return;
        }

        var labs = patient.Labs.ToList();
        if (Request.Form["have"] == "yes")
        {
            foreach (var analyteId in request.AnalyteIds)
            {
                var value = Request.Form[$"value-{analyteId}"].ToString();
                if (string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                if (!CaseState.TryParseDecimal(value, out var number))
                {
                    Errors.Add(new(analyteId, $"{knowledge.AnalytesById[analyteId].Name}: '{value}' is not a number."));
                    continue;
                }

                labs.Add(new LabInput(analyteId, number, Request.Form[$"unit-{analyteId}"].ToString()));
            }
        }

        var updated = labs.Count > patient.Labs.Count
            ? patient with { Labs = labs }
            : patient with { LabsUnavailable = new HashSet<string>(patient.LabsUnavailable) { request.Id } };
        Errors.AddRange(CaseValidator.Validate(updated, knowledge).Select(e => e with { Message = Friendly(e) }));
        if (Errors.Count > 0)
        {
            Advance(patient, History); // ask again, with the problems shown
            return;
        }

        History.Add([]);
        Advance(updated, History);
    }

    public void OnPostBack()
    {
        if (ReadState() is not { } patient)
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

    private PatientCase? ReadState()
    {
        History = CaseState.ReadHistory(Request.Form);
        var read = CaseState.Read(Request, knowledge);
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
        Step = interviewer.Next(patient).Step;
    }

    private static string Friendly(InputError error) =>
        error.Field.StartsWith("labs[", StringComparison.Ordinal) ? error.Message : $"{error.Field}: {error.Message}";
}
