using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using PersonSex = Calfwise.Core.Knowledge.Sex;

namespace Calfwise.Web.Pages;

/// <summary>The lab form as posted: the interview's case or age and sex, and a value and a unit per analyte (by id).</summary>
public sealed class LabsInput
{
    /// <summary>The interview's case JSON, when lab entry continues it.</summary>
    public string? Case { get; set; }

    public string? Age { get; set; }

    public string? Sex { get; set; }

    public string? Pregnant { get; set; }

    /// <summary>Values as typed, by analyte id (form fields values[ferritin] and so on).</summary>
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Units as chosen, by analyte id (form fields units[ferritin] and so on).</summary>
    public Dictionary<string, string?> Units { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The case with the results entered here (replacing earlier results for the same test), and each problem keyed by
    /// the field it belongs to: an analyte id, or age, sex, labs for the whole.
    /// </summary>
    public (PatientCase? Case, Dictionary<string, string> Errors) Read(KnowledgeBase knowledge, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var basis = string.IsNullOrWhiteSpace(Case) ? null : CaseState.Read(Case, knowledge, CaseValidator.Today(clock)) is { IsValid: true } read ? read.Case : null;
        if (basis is null)
        {
            if (!CaseState.TryParseDecimal(Age, out var age))
            {
                errors["age"] = "Please give your age in years, from 0 to 120.";
            }

            PersonSex? sex = Sex switch { "female" => PersonSex.Female, "male" => PersonSex.Male, _ => null };
            if (sex is null)
            {
                errors["sex"] = "Please choose female or male; the ranges depend on it.";
            }

            if (errors.Count > 0)
            {
                return (null, errors);
            }

            basis = new PatientCase(age, sex!.Value, Pregnant == "yes" ? true : null, new Dictionary<string, bool>(), [], [], null);
        }

        var entered = new List<LabInput>();
        foreach (var analyte in knowledge.Analytes)
        {
            var text = Values.GetValueOrDefault(analyte.Id);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!CaseState.TryParseDecimal(text, out var value))
            {
                errors[analyte.Id] = $"'{text}' is not a number.";
                continue;
            }

            entered.Add(new LabInput(analyte.Id, value, Units.GetValueOrDefault(analyte.Id) ?? ""));
        }

        // Each result is checked on its own against the person, so its problems belong to its analyte as data; then
        // the whole case, for what only the results together can show (serum iron above TIBC).
        foreach (var (analyteId, error) in LabErrors.OfEach(basis, entered, knowledge, clock))
        {
            errors[analyteId] = error.Message;
        }

        var candidate = basis with { Labs = [.. basis.Labs.Where(l => !entered.Any(e => e.Analyte == l.Analyte)), .. entered] };
        foreach (var error in CaseValidator.Validate(errors.Count == 0 ? candidate : basis with { Labs = [] }, knowledge, clock).Errors)
        {
            errors.TryAdd(error.Field, error.Message);
        }

        if (errors.Count == 0 && entered.Count == 0)
        {
            errors["labs"] = "Enter at least one result.";
        }

        return (candidate, errors);
    }
}
