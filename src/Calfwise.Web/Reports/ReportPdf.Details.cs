using Calfwise.Core.Presentation;
using Calfwise.Core.Report;

namespace Calfwise.Web.Reports;

/// <summary>The report's details, after the first page: causes, criteria, iron, plan and the full references.</summary>
public sealed partial record ReportPdf
{
    private static void WriteDetails(PdfReport report, AssessmentView view)
    {
        foreach (var (heading, flags) in ReportText.FlagGroups(view.RedFlags))
        {
            report.Heading(heading);
            foreach (var flag in flags)
            {
                report.Paragraph($"{ReportText.Level(flag.Level)}. {flag.Text}{ReportText.Cite(flag.Citations)}");
            }
        }

        report.Heading("What could explain it (each cause judged on its own)");
        if (view.Differential.LedByRedFlags)
        {
            report.Paragraph("The causes behind the warning signs come first.", small: true);
        }

        foreach (var condition in view.Differential.Shown)
        {
            var evidence = ReportText.Telling(condition.KeyEvidence).Select(e => ReportText.Evidence(e) + ReportText.Cite([e.Citation])).ToList();
            report.Paragraph($"{condition.Name}: {condition.Percent}{(evidence.Count > 0 ? ". What moved it most: " + string.Join("; ", evidence) : "")}");
        }

        if (view.Differential.Hidden > 0)
        {
            report.Paragraph($"{view.Differential.Hidden} other causes were considered and are unlikely (below {AssessmentPresenter.Percent(view.Differential.HiddenBelow)}).", small: true);
        }

        if (view.Criteria is { } criteria)
        {
            report.Paragraph($"Restless legs criteria (IRLSSG 2014): {ReportText.Words(criteria.Status)}{ReportText.Cite([criteria.Citation])}", bold: true);
            report.Table(
                ["Criterion", "Status"],
                criteria.Criteria.Select(c => (IReadOnlyList<string>)[$"{c.Number}. {c.Text}{(c.Note is null ? "" : " (" + c.Note + ")")}", ReportText.Words(c.Status)]).ToList(),
                [0.82, 0.18]);
        }

        if (view.Irls is { } irls)
        {
            report.Paragraph($"IRLS severity: {irls.Total} of {irls.Max}, {irls.Band}.");
        }

        report.Paragraph($"Iron: {view.Iron.Explanation}{ReportText.Cite(view.Iron.Citations)}");
        report.Heading("Plan");
        foreach (var step in view.Plan)
        {
            report.Paragraph($"{step.Number}. {step.Title}: {step.Text}{ReportText.Cite(step.Citations)}");
        }

        foreach (var warning in view.Warnings)
        {
            report.Paragraph(warning, small: true);
        }

        report.Heading("References");
        foreach (var source in view.References)
        {
            report.Paragraph($"[{source.Number}] {ReportText.Reference(source)}", small: true);
        }
    }
}
