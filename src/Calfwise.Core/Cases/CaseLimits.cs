namespace Calfwise.Core.Cases;

/// <summary>
/// How large a case may be (docs/case-format.md). A case is small: 81 findings, about 20 analytes and a person's
/// medicines; the limits leave room for that many times over and stop one request from costing minutes of work or
/// megabytes of error messages.
/// </summary>
public static class CaseLimits
{
    /// <summary>Findings answered, "don't know" answers included.</summary>
    public const int MaxFindings = 200;

    /// <summary>Lab results in one case.</summary>
    public const int MaxLabs = 60;

    /// <summary>Medicines in one case.</summary>
    public const int MaxMedications = 40;

    /// <summary>Characters in one id, medicine name or unit.</summary>
    public const int MaxText = 120;

    /// <summary>Errors reported for one case; the rest are counted in one last message.</summary>
    public const int MaxErrors = 20;

    /// <summary>Ids longer than this get no "did you mean" suggestions (their cost grows with the length).</summary>
    public const int MaxSuggestionLength = 64;

    /// <summary>The first <see cref="MaxErrors"/> errors, and how many more there were.</summary>
    public static IReadOnlyList<InputError> Capped(IReadOnlyList<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count <= MaxErrors
            ? errors
            : [.. errors.Take(MaxErrors), new InputError("(case)", $"and {errors.Count - MaxErrors} more problems not listed; fix these first")];
    }

    /// <summary>Text as it may be repeated in a message: long text is cut, with its length.</summary>
    public static string Echo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const int Shown = 40;
        return text.Length <= Shown + 10 ? text : $"{text[..Shown]}… ({text.Length} characters)";
    }

    /// <summary>Whether the case is within every limit <see cref="Check"/> checks, found without allocating (the common case).</summary>
    public static bool Within(PatientCase input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Findings.Count + input.DontKnow.Count > MaxFindings
            || input.Labs.Count > MaxLabs
            || input.Medications.Count > MaxMedications
            || input.LabsUnavailable.Count > MaxMedications)
        {
            return false;
        }

        if (!CaseKeys.All(input.Findings, MaxText, Fits) || !CaseKeys.All(input.DontKnow, MaxText, Fits) || !CaseKeys.All(input.LabsUnavailable, MaxText, Fits))
        {
            return false;
        }

        var medications = input.Medications;
        for (var i = 0; i < medications.Count; i++)
        {
            if (medications[i].Length > MaxText)
            {
                return false;
            }
        }

        var labs = input.Labs;
        for (var i = 0; i < labs.Count; i++)
        {
            if (labs[i].Analyte.Length > MaxText || labs[i].Unit.Length > MaxText)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The size errors of a case (counts and text lengths), checked before anything else is.</summary>
    public static List<InputError> Check(PatientCase input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<InputError>();
        Count(errors, "findings", input.Findings.Count + input.DontKnow.Count, MaxFindings, "answered findings");
        Count(errors, "labs", input.Labs.Count, MaxLabs, "lab results");
        Count(errors, "medications", input.Medications.Count, MaxMedications, "medicines");
        Count(errors, "labsUnavailable", input.LabsUnavailable.Count, MaxMedications, "lab requests");
        if (errors.Count > 0)
        {
            return errors;
        }

        Lengths(errors, "findings", input.Findings.Keys.Concat(input.DontKnow), "a finding id");
        Lengths(errors, "medications", input.Medications, "a medicine name");
        Lengths(errors, "labsUnavailable", input.LabsUnavailable, "a lab request id");
        Lengths(errors, "labs", input.Labs.SelectMany(l => new[] { l.Analyte, l.Unit }), "an analyte or unit");
        return errors;
    }

    private static bool Fits(string text, int max) => text.Length <= max;

    private static void Count(List<InputError> errors, string field, int count, int max, string what)
    {
        if (count > max)
        {
            errors.Add(new(field, $"has {count} {what}; at most {max} are accepted"));
        }
    }

    private static void Lengths(List<InputError> errors, string field, IEnumerable<string> texts, string what)
    {
        foreach (var text in texts.Where(t => t.Length > MaxText))
        {
            errors.Add(new(field, $"{what} of {text.Length} characters ('{Echo(text)}'); at most {MaxText} are accepted"));
        }
    }
}
