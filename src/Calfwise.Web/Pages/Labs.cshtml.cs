using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Pages;

/// <summary>Lab entry: a value and a unit picker per analyte, with clear messages for impossible values.</summary>
public sealed class LabsModel(KnowledgeBase knowledge) : PageModel
{
    public KnowledgeBase Knowledge => knowledge;

    /// <summary>The interview's case, when lab entry continues it; otherwise age and sex come from this form.</summary>
    public PatientCase? Case { get; private set; }

    public IReadOnlyList<LabResult>? Results { get; private set; }

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public string CaseJsonText => Case is null ? "" : CaseJson.Write(Case);

    public IEnumerable<string> UnitsFor(Analyte analyte) => analyte.AllUnits.Select(u => UnitText.Display(u.Code));

    public string Value(string name) => Request.HasFormContentType ? Request.Form[name].ToString() : "";

    public void OnGet()
    {
    }

    public void OnPostPrefill()
    {
        var read = CaseState.Read(Request, knowledge);
        Case = read.IsValid ? read.Case : null;
    }

    public void OnPost()
    {
        var form = Request.Form;
        PatientCase? basis = null;
        if (!string.IsNullOrWhiteSpace(form[CaseState.Field]))
        {
            var read = CaseState.Read(Request, knowledge);
            basis = read.IsValid ? read.Case : null;
        }

        if (basis is null)
        {
            if (!CaseState.TryParseDecimal(form["age"], out var age))
            {
                FieldErrors["age"] = "Please give your age in years, from 0 to 120.";
            }

            Sex? sex = form["sex"].ToString() switch { "female" => Sex.Female, "male" => Sex.Male, _ => null };
            if (sex is null)
            {
                FieldErrors["sex"] = "Please choose female or male; the ranges depend on it.";
            }

            if (FieldErrors.Count > 0)
            {
                return;
            }

            basis = new PatientCase(age, sex!.Value, form["pregnant"] == "yes" ? true : null, new Dictionary<string, bool>(), [], [], null);
        }

        var labs = new List<LabInput>();
        var fieldOfLab = new List<string>();
        foreach (var analyte in knowledge.Analytes)
        {
            var text = form[$"value-{analyte.Id}"].ToString();
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!CaseState.TryParseDecimal(text, out var value))
            {
                FieldErrors[analyte.Id] = $"'{text}' is not a number.";
                continue;
            }

            labs.Add(new LabInput(analyte.Id, value, form[$"unit-{analyte.Id}"].ToString()));
            fieldOfLab.Add(analyte.Id);
        }

        // Results entered here replace earlier results for the same test.
        var kept = basis.Labs.Where(l => !fieldOfLab.Contains(l.Analyte)).ToList();
        var candidate = basis with { Labs = [.. kept, .. labs] };
        foreach (var error in CaseValidator.Validate(candidate, knowledge))
        {
            var field = error.Field;
            if (field.StartsWith("labs[", StringComparison.Ordinal) && int.TryParse(field[5..field.IndexOf(']', StringComparison.Ordinal)], out var index) && index >= kept.Count)
            {
                field = fieldOfLab[index - kept.Count];
            }

            FieldErrors[field] = error.Message;
        }

        Case = candidate;
        if (FieldErrors.Count == 0 && labs.Count == 0)
        {
            FieldErrors["labs"] = "Enter at least one result.";
        }

        if (FieldErrors.Count == 0)
        {
            Results = new LabInterpreter(knowledge).Interpret(candidate);
        }
    }
}
