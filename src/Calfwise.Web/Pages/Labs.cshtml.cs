using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Calfwise.Web.Pages;

/// <summary>Lab entry: a value and a unit picker per analyte, with clear messages for impossible values.</summary>
public sealed class LabsModel(KnowledgeBase knowledge, TimeProvider clock) : PageModel
{
    public KnowledgeBase Knowledge => knowledge;

    /// <summary>The form as posted, shown again as typed.</summary>
    public LabsInput Input { get; private set; } = new();

    /// <summary>The interview's case, when lab entry continues it; otherwise age and sex come from this form.</summary>
    public PatientCase? Case { get; private set; }

    public IReadOnlyList<LabResult>? Results { get; private set; }

    public Dictionary<string, string> FieldErrors { get; private set; } = new(StringComparer.Ordinal);

    public string CaseJsonText => Case is null ? "" : CaseJson.Write(Case);

    public IEnumerable<string> UnitsFor(Analyte analyte) => analyte.AllUnits.Select(u => UnitText.Display(u.Code));

    public void OnGet()
    {
    }

    public void OnPostPrefill(CaseInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var read = input.Read(knowledge, CaseValidator.Today(clock));
        Case = read.IsValid ? read.Case : null;
    }

    public void OnPost(LabsInput input)
    {
        Input = input ?? throw new ArgumentNullException(nameof(input));
        var (candidate, errors) = input.Read(knowledge, clock);
        FieldErrors = errors;
        Case = candidate;
        if (candidate is not null && errors.Count == 0 && CaseValidator.Validate(candidate, knowledge, clock) is { IsSuccess: true } valid)
        {
            Results = new LabInterpreter(knowledge).Interpret(valid.Value);
        }
    }
}
