using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using PersonSex = Calfwise.Core.Knowledge.Sex;

namespace Calfwise.Web.Pages;

/// <summary>The first interview form: age, sex, pregnancy and the medicines taken.</summary>
public sealed class StartInput
{
    public string? Age { get; set; }

    public string? Sex { get; set; }

    public string? Pregnant { get; set; }

    /// <summary>The medicine fields (each named medications), empty ones included.</summary>
    public List<string?> Medications { get; set; } = [];

    /// <summary>The case to start from, or the errors naming each field.</summary>
    public (PatientCase? Case, IReadOnlyList<InputError> Errors) Read(KnowledgeBase knowledge, TimeProvider clock)
    {
        var errors = new List<InputError>();
        if (!CaseState.TryParseDecimal(Age, out var age))
        {
            errors.Add(new("age", "Please give your age in years, from 0 to 120."));
        }

        PersonSex? sex = Sex switch
        {
            "female" => PersonSex.Female,
            "male" => PersonSex.Male,
            _ => null,
        };
        if (sex is null)
        {
            errors.Add(new("sex", "Please choose female or male; blood test ranges depend on it."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        bool? pregnant = sex == PersonSex.Female ? Pregnant switch { "yes" => true, "no" => false, _ => null } : null;
        var medications = Medications
            .Select(m => (m ?? "").Trim().ToLowerInvariant())
            .Where(m => m.Length > 0)
            .Distinct()
            .ToList();
        var patient = new PatientCase(age, sex!.Value, pregnant, new Dictionary<string, bool>(), medications, [], null);
        errors.AddRange(CaseValidator.Validate(patient, knowledge, clock).Errors);
        return (errors.Count == 0 ? patient : null, errors);
    }
}

/// <summary>Every later interview form carries the case and the history of questions asked (hidden fields).</summary>
public class InterviewStateInput
{
    /// <summary>The case JSON so far.</summary>
    public string? Case { get; set; }

    /// <summary>The finding ids answered at each step, as JSON.</summary>
    public string? History { get; set; }

    /// <summary>The ids of the urgent or emergency advice already shown (space-separated), so it is shown once.</summary>
    public string? Seen { get; set; }
}

/// <summary>
/// An answered question, each answer by finding id: yes, no or unknown (not sure). On a checklist a ticked item
/// posts yes, a "not sure" tick posts unsure[finding-id], and an item left unticked is no.
/// </summary>
public sealed class AnswerInput : InterviewStateInput
{
    /// <summary>Answers by finding id (form fields answers[finding-id]).</summary>
    public Dictionary<string, string?> Answers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Checklist items ticked "not sure" (form fields unsure[finding-id]).</summary>
    public Dictionary<string, string?> Unsure { get; set; } = new(StringComparer.Ordinal);

    /// <summary>"None of these" was pressed on a checklist.</summary>
    public string? None { get; set; }
}

/// <summary>A lab request answered: which request, whether the person has the results, and values and units by analyte id.</summary>
public sealed class LabStepInput : InterviewStateInput
{
    public string? Request { get; set; }

    public string? Have { get; set; }

    /// <summary>Values as typed, by analyte id (form fields values[ferritin] and so on).</summary>
    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Units as chosen, by analyte id (form fields units[ferritin] and so on).</summary>
    public Dictionary<string, string?> Units { get; set; } = new(StringComparer.Ordinal);
}
