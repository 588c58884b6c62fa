using System.ComponentModel;

namespace Calfwise.Core.Contracts;

/// <summary>
/// The case of docs/case-format.md as it travels in JSON: what a person or a program sends to be assessed.
/// Loosely typed where the reader reports a precise error (sex as text, lab fields optional); <see cref="Cases.CaseJson"/>
/// turns it into a checked <see cref="Cases.PatientCase"/>.
/// </summary>
[Description("A case (docs/case-format.md). Give age or birthDate; unknown fields are rejected.")]
public sealed record CaseRequest
{
    [Description("Age in years, 0 to 120. Required unless birthDate is given.")]
    public decimal? Age { get; set; }

    [Description("Birth date (ISO 8601, yyyy-MM-dd), instead of age: the age is computed on the day of the assessment.")]
    public DateOnly? BirthDate { get; set; }

    [Description("\"female\" or \"male\" (required).")]
    public string? Sex { get; set; }

    [Description("Only true with sex female.")]
    public bool? Pregnant { get; set; }

    [Description("1, 2 or 3; only with pregnant: true.")]
    public int? Trimester { get; set; }

    [Description("Finding id to true (yes), false (no) or null (asked, answered \"I don't know\"); absent means unknown.")]
    public Dictionary<string, bool?>? Findings { get; set; }

    [Description("Generic medication names.")]
    public List<string?>? Medications { get; set; }

    [Description("Lab results in any accepted unit; each analyte at most once.")]
    public List<CaseLabRequest?>? Labs { get; set; }

    [Description("Questionnaire scores.")]
    public CaseInstrumentsRequest? Instruments { get; set; }

    [Description("Interview lab requests answered \"I don't have them\": iron-studies, electrolytes, thyroid, muscle-and-kidney.")]
    public List<string?>? LabsUnavailable { get; set; }
}

/// <summary>One lab result as reported.</summary>
[Description("A lab result, for example {\"analyte\": \"ferritin\", \"value\": 28, \"unit\": \"ng/mL\"}.")]
public sealed record CaseLabRequest
{
    [Description("Analyte id (knowledge/labs.yaml), for example ferritin.")]
    public string? Analyte { get; set; }

    [Description("The number as reported.")]
    public decimal? Value { get; set; }

    [Description("The unit as reported, for example ng/mL (ug and mcg may be written for µg).")]
    public string? Unit { get; set; }

    [Description("The day the sample was taken (ISO 8601, yyyy-MM-dd), optional; not in the future.")]
    public DateOnly? Date { get; set; }
}

/// <summary>Questionnaire scores.</summary>
public sealed record CaseInstrumentsRequest
{
    [Description("The 10 IRLS item scores, each 0 to 4.")]
    public List<int>? Irls { get; set; }
}
