using System.Globalization;
using Calfwise.Core.Diary;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;

namespace Calfwise.Web.Reports;

/// <summary>A report for the doctor as PDF bytes, with the text it shows (in order) for checks.</summary>
public sealed record ReportPdf(byte[] Bytes, IReadOnlyList<string> Text)
{
    /// <summary>
    /// The report: the saved assessment's view (the same causes, order and citations as on screen), labs with ranges,
    /// the diary summary and chart, the plan and the numbered sources. <paramref name="notes"/> say where the assessment
    /// comes from (as the person saw it, or assessed again) and whether the knowledge has changed since.
    /// </summary>
    public static ReportPdf Create(
        AssessmentView? assessment,
        DateTimeOffset? assessedAt,
        PatternSummary diary,
        IReadOnlyList<(string Label, double Value)> byHour,
        DateTimeOffset now,
        IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(diary);
        using var report = new PdfReport();
        report.Title($"Calfwise report, {Date(now)}");
        if (assessment is null)
        {
            report.Paragraph("No saved assessment yet: complete the interview and save the results to include them here.");
        }
        else
        {
            report.Heading($"Assessment of {(assessedAt is { } at ? Date(at) : "an unknown date")}");
            foreach (var note in notes ?? [])
            {
                report.Paragraph(note, small: true);
            }

            WriteAssessment(report, assessment);
        }

        report.Heading("Symptom diary");
        foreach (var statement in diary.Statements)
        {
            report.Paragraph(statement);
        }

        if (diary.EpisodeCount > 0)
        {
            report.BarChart("Episodes by hour of day", byHour);
        }

        report.Heading("Please note");
        report.Paragraph(assessment?.Disclaimer ?? "Calfwise gives information, not a diagnosis.");
        var bytes = report.Save();
        return new ReportPdf(bytes, report.Text);
    }

    private static void WriteAssessment(PdfReport report, AssessmentView view)
    {
        report.Paragraph($"{view.Triage.Heading}. {view.Triage.Advice}", bold: true);
        foreach (var reason in view.Triage.Reasons)
        {
            report.Paragraph("• " + reason);
        }

        foreach (var flag in view.RedFlags)
        {
            report.Paragraph($"Warning sign ({flag.Level.ToId()}): {flag.Text}{Cite(flag.Citations)}");
        }

        report.Heading("What could explain it (each cause judged on its own)");
        if (view.Differential.LedByRedFlags)
        {
            report.Paragraph("The causes behind the warning signs come first.", small: true);
        }

        foreach (var condition in view.Differential.Shown)
        {
            var evidence = string.Join("; ", condition.KeyEvidence.Select(e => $"{e.Label} {e.Weight}{Cite([e.Citation])}"));
            report.Paragraph($"{condition.Name}: {condition.Percent}{(evidence.Length > 0 ? " (" + evidence + ")" : "")}");
        }

        if (view.Differential.Hidden > 0)
        {
            report.Paragraph($"{view.Differential.Hidden} other causes were considered and are unlikely (below {AssessmentPresenter.Percent(view.Differential.HiddenBelow)}).", small: true);
        }

        if (view.Criteria is { } criteria)
        {
            report.Paragraph($"Restless legs criteria (IRLSSG 2014): {criteria.Status.ToId()}. "
                + string.Join(" ", criteria.Criteria.Select(c => $"{c.Number}: {c.Status.ToId()}.")) + Cite([criteria.Citation]));
        }

        if (view.Labs.Count > 0)
        {
            report.Heading("Laboratory results");
            foreach (var lab in view.Labs)
            {
                var range = (lab.Low, lab.High) switch
                {
                    ({ } low, { } high) => $"{low}–{high}",
                    ({ } low, null) => $"≥ {low}",
                    (null, { } high) => $"≤ {high}",
                    _ => "no range",
                };
                report.Paragraph($"{lab.Name} (LOINC {lab.Loinc}): {lab.Value} {lab.Unit} = {lab.CanonicalValue.ToString("0.###", CultureInfo.InvariantCulture)} {lab.CanonicalUnit}, {lab.Status.ToId()} (range {range} {lab.CanonicalUnit}{(lab.RangeSource is null ? "" : ", " + lab.RangeSource)})");
            }
        }

        report.Paragraph($"Iron: {view.Iron.Explanation}{Cite(view.Iron.Citations)}");
        report.Heading("Plan");
        foreach (var step in view.Plan)
        {
            report.Paragraph($"{step.Number}. {step.Title}: {step.Text}{Cite(step.Citations)}");
        }

        report.Heading("Sources");
        foreach (var source in view.References)
        {
            report.Paragraph($"[{source.Number}] {source.Citation}{(source.Url.Length > 0 ? " " + source.Url : "")} (evidence grade {source.Grade})", small: true);
        }
    }

    private static string Cite(IReadOnlyList<int> numbers) => numbers.Count == 0 ? "" : $" [{string.Join(", ", numbers)}]";

    private static string Date(DateTimeOffset at) => at.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
