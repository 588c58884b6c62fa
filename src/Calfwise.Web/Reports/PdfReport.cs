using System.Globalization;
using Calfwise.Core.Diary;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Calfwise.Web.Reports;

/// <summary>The report for the doctor as a PDF: assessment, labs with ranges, diary summary and chart, plan with citations.</summary>
public sealed class PdfReport : IDisposable
{
    private const double Margin = 50;
    private readonly PdfDocument _document = new();
    private readonly XFont _body;
    private readonly XFont _bold;
    private readonly XFont _heading;
    private readonly XFont _small;
    private PdfPage _page = null!;
    private XGraphics _graphics = null!;
    private double _y;

    public PdfReport()
    {
        EmbeddedFontResolver.Install();
        _body = new XFont(EmbeddedFontResolver.Family, 10);
        _bold = new XFont(EmbeddedFontResolver.Family, 10, XFontStyleEx.Bold);
        _heading = new XFont(EmbeddedFontResolver.Family, 14, XFontStyleEx.Bold);
        _small = new XFont(EmbeddedFontResolver.Family, 8);
        _document.Info.Title = "Calfwise report";
        NewPage();
    }

    public static byte[] Create(Assessment? assessment, DateTimeOffset? assessedAt, PatternSummary diary, IReadOnlyList<(string Label, double Value)> byHour, DateTimeOffset now)
    {
        using var report = new PdfReport();
        report.Title($"Calfwise report, {now.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
        if (assessment is null)
        {
            report.Paragraph("No saved assessment yet: complete the interview and save the results to include them here.");
        }
        else
        {
            report.Heading($"Assessment of {assessedAt?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
            report.Paragraph($"Triage: {assessment.Triage.Level.ToId()}. {assessment.Triage.Advice}", bold: true);
            foreach (var reason in assessment.Triage.Reasons)
            {
                report.Paragraph("• " + reason);
            }

            foreach (var flag in assessment.RedFlags)
            {
                report.Paragraph($"Red flag ({flag.Level.ToId()}): {flag.Text} [{string.Join(", ", flag.Sources)}]");
            }

            report.Heading("Differential (each condition judged independently)");
            foreach (var condition in AssessmentPresentation.Differential(assessment).Take(8))
            {
                var evidence = string.Join("; ", condition.Evidence.OrderByDescending(e => Math.Abs(Math.Log(e.LikelihoodRatio))).Take(4)
                    .Select(e => $"{e.Label} ×{e.LikelihoodRatio.ToString("0.##", CultureInfo.InvariantCulture)}"));
                report.Paragraph($"{condition.Name}: {condition.Probability.ToString("0%", CultureInfo.InvariantCulture)}{(evidence.Length > 0 ? " (" + evidence + ")" : "")}");
            }

            if (AssessmentPresentation.ShowsRlsCriteria(assessment))
            {
                report.Paragraph($"IRLSSG 2014 criteria: {assessment.Criteria.Status.ToId()}. " + string.Join(" ", assessment.Criteria.Criteria.Select(c => $"{c.Number}: {c.Status.ToId()}.")));
            }
            if (assessment.Labs.Count > 0)
            {
                report.Heading("Laboratory results");
                foreach (var lab in assessment.Labs)
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

                report.Paragraph("Iron: " + assessment.Iron.Explanation);
            }

            report.Heading("Plan");
            var number = 1;
            foreach (var recommendation in assessment.Recommendations)
            {
                report.Paragraph($"{number++}. {recommendation.Title}: {recommendation.Text} [{string.Join(", ", recommendation.Sources.Select(s => s.Id))}]");
            }

            report.Heading("Sources");
            foreach (var source in assessment.Recommendations.SelectMany(r => r.Sources).DistinctBy(s => s.Id))
            {
                report.Paragraph($"{source.Id}: {source.Citation} {source.Url}", small: true);
            }
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
        return report.Save();
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    private void Title(string text)
    {
        _graphics.DrawString(text, _heading, XBrushes.Black, new XRect(Margin, _y, Width, 20), XStringFormats.TopLeft);
        _y += 28;
    }

    private void Heading(string text)
    {
        Ensure(40);
        _y += 6;
        _graphics.DrawString(text, _bold, XBrushes.Black, new XRect(Margin, _y, Width, 14), XStringFormats.TopLeft);
        _y += 16;
    }

    private void Paragraph(string text, bool bold = false, bool small = false)
    {
        var font = bold ? _bold : small ? _small : _body;
        var lines = Wrap(text, font);
        var height = lines.Count * font.GetHeight();
        Ensure(height + 4);
        var formatter = new XTextFormatter(_graphics);
        formatter.DrawString(string.Join('\n', lines), font, XBrushes.Black, new XRect(Margin, _y, Width, height + 2), XStringFormats.TopLeft);
        _y += height + 4;
    }

    private void BarChart(string title, IReadOnlyList<(string Label, double Value)> bars)
    {
        const double ChartHeight = 120;
        Ensure(ChartHeight + 40);
        _graphics.DrawString(title, _bold, XBrushes.Black, new XRect(Margin, _y, Width, 14), XStringFormats.TopLeft);
        _y += 18;
        var max = Math.Max(1, bars.Max(b => b.Value));
        var step = Width / bars.Count;
        for (var i = 0; i < bars.Count; i++)
        {
            var height = bars[i].Value / max * ChartHeight;
            _graphics.DrawRectangle(XBrushes.SteelBlue, Margin + (i * step) + 2, _y + ChartHeight - height, step - 4, height);
            if (i % 3 == 0)
            {
                _graphics.DrawString(bars[i].Label, _small, XBrushes.Black, new XRect(Margin + (i * step), _y + ChartHeight + 2, step * 2, 10), XStringFormats.TopLeft);
            }
        }

        _graphics.DrawLine(XPens.Gray, Margin, _y + ChartHeight, Margin + Width, _y + ChartHeight);
        _y += ChartHeight + 18;
    }

    private double Width => _page.Width.Point - (2 * Margin);

    private void Ensure(double height)
    {
        if (_y + height > _page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    private List<string> Wrap(string text, XFont font)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (_graphics.MeasureString(candidate, font).Width > Width && line.Length > 0)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    public void Dispose()
    {
        _graphics.Dispose();
        _document.Dispose();
    }

    private byte[] Save()
    {
        _graphics.Dispose();
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
