using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Report;

/// <summary>How a person answered a question, in plain words for the report.</summary>
public enum ReportAnswer
{
    Yes,
    No,
    DontKnow,
}

/// <summary>A question asked and its answer: the finding's label and yes, no or "don't know".</summary>
public sealed record AnsweredQuestion(string FindingId, string Label, ReportAnswer Answer)
{
    /// <summary>The answer as the report prints it.</summary>
    public string AnswerText => DoctorSummary.Words(Answer);
}

/// <summary>A lab result as the first page shows it: value with its unit, the day, the range in the same unit, the reading.</summary>
/// <param name="Name">The analyte's name, "(calculated)" added when derived from other results.</param>
/// <param name="Result">The value and unit as reported ("28 ng/mL").</param>
/// <param name="Standard">The value in the standard unit when the reported unit differs; null otherwise.</param>
/// <param name="Date">The day the sample was taken ("3 Nov 2026"), or "date not given".</param>
/// <param name="Range">The reference range for this person, with its unit, or "no range".</param>
/// <param name="Reading">low, within range, high, critical, or no range.</param>
/// <param name="OutOfRange">Whether the value is outside its range (low, high or critical), for the eye to catch.</param>
public sealed record LabLine(string Name, string Result, string? Standard, string Date, string Range, string Reading, bool OutOfRange);

/// <summary>
/// The first page of the report for the doctor, read in a minute: who, what, how long, the warning signs asked and
/// their answers, labs with units and ranges, medicines, and the triage with its reason. Built by
/// <see cref="DoctorSummaryBuilder"/> from the case as entered and the assessment as shown.
/// </summary>
/// <param name="Patient">Age, sex and pregnancy in one line ("42 years, female, not pregnant").</param>
/// <param name="Complaints">The presenting complaints answered yes, in words.</param>
/// <param name="Denied">Presenting complaints asked and answered no.</param>
/// <param name="Unsure">Presenting complaints answered "don't know".</param>
/// <param name="Duration">How long, in words, from the duration question.</param>
/// <param name="WarningSigns">The warning-sign questions asked (those of urgent and emergency red flags) and their answers.</param>
/// <param name="OtherFindings">Other things the person said yes to.</param>
/// <param name="Labs">Lab results, each with unit, date, range and reading.</param>
/// <param name="LabDecision">The threshold the iron decision used, in words; null without labs.</param>
/// <param name="Medicines">The medicines taken, each with its class when known ("sertraline: SSRI antidepressants").</param>
/// <param name="Triage">The triage heading.</param>
/// <param name="Advice">The triage advice.</param>
/// <param name="Reasons">Why this triage: the fired warning signs and the reasons of the triage.</param>
public sealed record DoctorSummary(
    string Patient,
    IReadOnlyList<string> Complaints,
    IReadOnlyList<string> Denied,
    IReadOnlyList<string> Unsure,
    string Duration,
    IReadOnlyList<AnsweredQuestion> WarningSigns,
    IReadOnlyList<string> OtherFindings,
    IReadOnlyList<LabLine> Labs,
    string? LabDecision,
    IReadOnlyList<string> Medicines,
    string Triage,
    string Advice,
    IReadOnlyList<string> Reasons)
{
    /// <summary>The complaints in one line, for the report's table.</summary>
    public string ComplaintsText => Complaints.Count == 0 ? "None of the listed symptoms" : string.Join("; ", Complaints);

    /// <summary>The reasons for the triage, one a line, each with a bullet.</summary>
    public string ReasonsText => string.Join("\n", Reasons.Select(r => "• " + r));

    /// <summary>The medicines in one line.</summary>
    public string MedicinesText => Medicines.Count == 0 ? "None reported" : string.Join("; ", Medicines);

    /// <summary>An answer in plain words.</summary>
    public static string Words(ReportAnswer answer) => answer switch
    {
        ReportAnswer.Yes => "Yes",
        ReportAnswer.No => "No",
        _ => "Don't know",
    };

    /// <summary>A lab reading in plain words.</summary>
    public static string Words(LabStatus status) => status switch
    {
        LabStatus.Low => "low",
        LabStatus.Normal => "within range",
        LabStatus.High => "high",
        LabStatus.Critical => "critical",
        _ => "no range",
    };
}
