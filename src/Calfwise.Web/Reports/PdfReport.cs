using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Calfwise.Web.Reports;

/// <summary>Drawing a report for the doctor on A4 pages: title, headings, wrapped paragraphs, tables and bar charts.</summary>
public sealed class PdfReport : IDisposable
{
    private const double Margin = 42;
    private const double CellPadding = 3;
    private static readonly XBrush Shade = new XSolidBrush(XColor.FromArgb(238, 238, 238));
    private readonly PdfDocument _document = new();
    private readonly XFont _body;
    private readonly XFont _bold;
    private readonly XFont _heading;
    private readonly XFont _title;
    private readonly XFont _small;
    private PdfPage _page = null!;
    private XGraphics _graphics = null!;
    private double _y;
    private readonly List<string> _text = [];

    public PdfReport()
    {
        EmbeddedFontResolver.Install();
        _body = new XFont(EmbeddedFontResolver.Family, 9.5);
        _bold = new XFont(EmbeddedFontResolver.Family, 9.5, XFontStyleEx.Bold);
        _heading = new XFont(EmbeddedFontResolver.Family, 11.5, XFontStyleEx.Bold);
        _title = new XFont(EmbeddedFontResolver.Family, 15, XFontStyleEx.Bold);
        _small = new XFont(EmbeddedFontResolver.Family, 8);
        _document.Info.Title = "Calfwise report for the doctor";
        NewPage();
    }

    /// <summary>Every text the report wrote, in order (a table row as its cells joined by " | "): for tests and checks.</summary>
    public IReadOnlyList<string> Text => _text;

    private double Width => _page.Width.Point - (2 * Margin);

    internal void Title(string text)
    {
        _text.Add(text);
        _graphics.DrawString(text, _title, XBrushes.Black, new XRect(Margin, _y, Width, 20), XStringFormats.TopLeft);
        _y += 24;
    }

    internal void Heading(string text)
    {
        _text.Add(text);
        Ensure(44);
        _y += 6;
        _graphics.DrawString(text, _heading, XBrushes.Black, new XRect(Margin, _y, Width, 16), XStringFormats.TopLeft);
        _y += 15;
        _graphics.DrawLine(XPens.Gray, Margin, _y, Margin + Width, _y);
        _y += 4;
    }

    internal void Paragraph(string text, bool bold = false, bool small = false)
    {
        _text.Add(text);
        var font = bold ? _bold : small ? _small : _body;
        var lines = Wrap(text, font, Width);
        var height = lines.Count * font.GetHeight();
        Ensure(height + 4);
        Draw(lines, font, Margin, _y, Width);
        _y += height + 4;
    }

    /// <summary>A two-column row: a bold label and its wrapped value.</summary>
    internal void Field(string label, string value) => Table([], [[label, value]], [0.25, 0.75], firstColumnBold: true);

    /// <summary>
    /// A table: an optional shaded header row, then rows of wrapped cells; <paramref name="widths"/> are the columns'
    /// shares of the page width; rows whose <paramref name="emphasis"/> is true are bold throughout. A row never splits
    /// across pages.
    /// </summary>
    internal void Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<double> widths, bool firstColumnBold = false, IReadOnlyList<bool>? emphasis = null)
    {
        if (headers.Count > 0)
        {
            Row(headers, widths, _bold, _bold, shaded: true);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var strong = emphasis?[i] == true;
            Row(rows[i], widths, firstColumnBold || strong ? _bold : _body, strong ? _bold : _body, shaded: false);
        }

        _y += 3;
    }

    internal void BarChart(string title, IReadOnlyList<(string Label, double Value)> bars, int labelEvery)
    {
        _text.Add(title);
        const double ChartHeight = 90;
        Ensure(ChartHeight + 40);
        _graphics.DrawString(title, _bold, XBrushes.Black, new XRect(Margin, _y, Width, 14), XStringFormats.TopLeft);
        _y += 16;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        _graphics.DrawString(max.ToString("0", System.Globalization.CultureInfo.InvariantCulture), _small, XBrushes.Black, new XRect(Margin, _y, 20, 10), XStringFormats.TopLeft);
        var left = Margin + 20;
        var step = (Width - 20) / Math.Max(1, bars.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            var height = bars[i].Value / max * ChartHeight;
            _graphics.DrawRectangle(XBrushes.SteelBlue, left + (i * step) + 2, _y + ChartHeight - height, step - 4, height);
            if (i % labelEvery == 0)
            {
                _graphics.DrawString(bars[i].Label, _small, XBrushes.Black, new XRect(left + (i * step), _y + ChartHeight + 2, step * labelEvery, 10), XStringFormats.TopLeft);
            }
        }

        _graphics.DrawLine(XPens.Gray, left, _y + ChartHeight, Margin + Width, _y + ChartHeight);
        _y += ChartHeight + 18;
    }

    /// <summary>Starts a new page: the details come after the one-page summary.</summary>
    internal void PageBreak() => NewPage();

    public void Dispose()
    {
        _graphics.Dispose();
        _document.Dispose();
    }

    internal byte[] Save()
    {
        _graphics.Dispose();
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, XFont first, XFont rest, bool shaded)
    {
        _text.Add(string.Join(" | ", cells));
        var columns = cells.Select((cell, i) =>
        {
            var font = i == 0 ? first : rest;
            var width = (Width * widths[i]) - (2 * CellPadding);
            return (Lines: Wrap(cell, font, width), Font: font, Width: width);
        }).ToList();
        var height = columns.Max(c => c.Lines.Count * c.Font.GetHeight()) + (2 * CellPadding);
        Ensure(height);
        if (shaded)
        {
            _graphics.DrawRectangle(Shade, Margin, _y, Width, height);
        }

        var x = Margin;
        for (var i = 0; i < columns.Count; i++)
        {
            Draw(columns[i].Lines, columns[i].Font, x + CellPadding, _y + CellPadding, columns[i].Width);
            x += Width * widths[i];
        }

        _y += height;
        _graphics.DrawLine(XPens.LightGray, Margin, _y, Margin + Width, _y);
    }

    private void Draw(List<string> lines, XFont font, double x, double y, double width)
    {
        var formatter = new XTextFormatter(_graphics);
        var height = (lines.Count * font.GetHeight()) + 2;
        formatter.DrawString(string.Join('\n', lines), font, XBrushes.Black, new XRect(x, y, width, height), XStringFormats.TopLeft);
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    private void Ensure(double height)
    {
        if (_y + height > _page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (_graphics.MeasureString(candidate, font).Width > width && line.Length > 0)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            lines.Add(line);
        }

        return lines;
    }
}
