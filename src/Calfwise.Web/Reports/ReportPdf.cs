using System.Globalization;
using Calfwise.Core.Diary;
using Calfwise.Core.Presentation;
using Calfwise.Core.Report;

namespace Calfwise.Web.Reports;

/// <summary>The diary as the report shows it: the summary and both charts (by hour of day, and per day).</summary>
public sealed record ReportDiary(
    PatternSummary Summary,
    IReadOnlyList<(string Label, double Value)> ByHour,
    IReadOnlyList<(string Label, double Value)> ByDay)
{
    /// <summary>A diary with nothing in it.</summary>
    public static ReportDiary Empty { get; } = new(new PatternSummary(0, 0, 0, [], new Dictionary<string, bool>(), []), [], []);
}

/// <summary>A report for the doctor as PDF bytes, with the text it shows (in order) for checks.</summary>
public sealed partial record ReportPdf(byte[] Bytes, IReadOnlyList<string> Text)
{
    /// <summary>
    /// The report: a first page a doctor reads in a minute (who, what, how long, the warning signs asked and their
    /// answers, labs with units and ranges, medicines, the triage and why), then the details: the saved assessment's
    /// view (the same causes, order and citations as on screen), the plan, the diary with both charts and the full
    /// references.
    /// </summary>
    public static ReportPdf Create(ReportAssessment? assessment, ReportDiary diary, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(diary);
        using var report = new PdfReport();
        report.Title("Calfwise report for the doctor");
        report.Paragraph($"Made on {Date(now)} by the person it is about, with Calfwise. Calfwise informs; it does not diagnose.", small: true);
        if (assessment is null)
        {
            report.Paragraph("No saved assessment yet: complete the interview and save the results to include them here.");
        }
        else
        {
            // The notes name the assessment's date and where it comes from; without them, the date alone.
            report.Paragraph(assessment.Notes.Count > 0 ? string.Join(" ", assessment.Notes) : $"Assessment of {Date(assessment.SavedAt)}.", small: true);
            FirstPage(report, assessment);
            report.PageBreak();
            report.Title("Details");
            WriteDetails(report, assessment.View);
        }

        WriteDiary(report, diary);
        report.Heading("Please note");
        report.Paragraph(assessment?.View.Disclaimer ?? "Calfwise gives information, not a diagnosis.");
        var bytes = report.Save();
        return new ReportPdf(bytes, report.Text);
    }

    /// <summary>The report of a view alone (no saved answers, no diary charts): for checks of the details' layout.</summary>
    public static ReportPdf Create(
        AssessmentView? assessment,
        DateTimeOffset? assessedAt,
        PatternSummary diary,
        IReadOnlyList<(string Label, double Value)> byHour,
        DateTimeOffset now,
        IReadOnlyList<string>? notes = null) =>
        Create(
            assessment is null ? null : new ReportAssessment(assessment, assessedAt ?? now, AsSeen: true, notes ?? []),
            new ReportDiary(diary, byHour, []),
            now);

    private static void FirstPage(PdfReport report, ReportAssessment assessment)
    {
        var view = assessment.View;
        report.Heading("Summary");
        if (assessment.Summary is not { } summary)
        {
            report.Paragraph("The answers saved with this assessment could not be read with the current version of Calfwise; the triage and the details follow.", small: true);
            report.Field("Triage", $"{view.Triage.Heading}. {view.Triage.Advice}");
            report.Field("Why", string.Join("\n", view.Triage.Reasons.Select(r => "• " + r)));
            return;
        }

        report.Field("Patient", summary.Patient);
        report.Field("Presenting complaints", summary.ComplaintsText);
        Optional(report, "Not present", summary.Denied);
        Optional(report, "Not sure", summary.Unsure);
        report.Field("How long", summary.Duration);
        Optional(report, "Also reported", summary.OtherFindings);
        report.Field("Medicines", summary.MedicinesText);
        report.Field("Triage", $"{summary.Triage}. {summary.Advice}");
        report.Field("Why", summary.ReasonsText);

        report.Heading("Warning signs asked");
        if (summary.WarningSigns.Count == 0)
        {
            report.Paragraph("No warning-sign questions were asked: nothing the person said called for them.");
        }
        else
        {
            report.Table(
                ["Warning sign asked about", "Answer"],
                summary.WarningSigns.Select(s => (IReadOnlyList<string>)[s.Label, s.AnswerText]).ToList(),
                [0.8, 0.2],
                emphasis: summary.WarningSigns.Select(s => s.Answer != ReportAnswer.No).ToList());
        }

        report.Heading("Blood results");
        if (summary.Labs.Count == 0)
        {
            report.Paragraph("No blood results were given.");
            return;
        }

        report.Table(
            ["Test", "Result", "Date", "Reference range", "Reading"],
            summary.Labs.Select(l => (IReadOnlyList<string>)[l.Name, l.Standard is null ? l.Result : $"{l.Result} ({l.Standard})", l.Date, l.Range, l.Reading]).ToList(),
            [0.22, 0.22, 0.18, 0.24, 0.14],
            emphasis: summary.Labs.Select(l => l.OutOfRange).ToList());
        if (summary.LabDecision is { } decision)
        {
            report.Paragraph($"Threshold used for the iron decision: {decision}{ReportText.Cite(view.Iron.Citations)}", small: true);
        }
    }

    private static void Optional(PdfReport report, string label, IReadOnlyList<string> items)
    {
        if (items.Count > 0)
        {
            report.Field(label, string.Join("; ", items));
        }
    }

    private static void WriteDiary(PdfReport report, ReportDiary diary)
    {
        report.Heading("Symptom diary");
        foreach (var statement in diary.Summary.Statements)
        {
            report.Paragraph(statement);
        }

        if (diary.Summary.EpisodeCount > 0)
        {
            report.BarChart("Episodes by hour of day", diary.ByHour, labelEvery: 3);
            if (diary.ByDay.Count > 0)
            {
                report.BarChart($"Episodes per day, last {diary.ByDay.Count} days", diary.ByDay, labelEvery: 2);
            }
        }
    }

    private static string Date(DateTimeOffset at) => at.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
