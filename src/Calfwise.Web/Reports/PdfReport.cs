using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Calfwise.Web.Reports;

/// <summary>Drawing a report for the doctor on A4 pages: title, headings, wrapped paragraphs and bar charts.</summary>
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
    private readonly List<string> _text = [];

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

    /// <summary>Every text the report wrote, in order: what a reader of the PDF sees, for tests and checks.</summary>
    public IReadOnlyList<string> Text => _text;

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    internal void Title(string text)
    {
        _text.Add(text);
        _graphics.DrawString(text, _heading, XBrushes.Black, new XRect(Margin, _y, Width, 20), XStringFormats.TopLeft);
        _y += 28;
    }

    internal void Heading(string text)
    {
        _text.Add(text);
        Ensure(40);
        _y += 6;
        _graphics.DrawString(text, _bold, XBrushes.Black, new XRect(Margin, _y, Width, 14), XStringFormats.TopLeft);
        _y += 16;
    }

    internal void Paragraph(string text, bool bold = false, bool small = false)
    {
        _text.Add(text);
        var font = bold ? _bold : small ? _small : _body;
        var lines = Wrap(text, font);
        var height = lines.Count * font.GetHeight();
        Ensure(height + 4);
        var formatter = new XTextFormatter(_graphics);
        formatter.DrawString(string.Join('\n', lines), font, XBrushes.Black, new XRect(Margin, _y, Width, height + 2), XStringFormats.TopLeft);
        _y += height + 4;
    }

    internal void BarChart(string title, IReadOnlyList<(string Label, double Value)> bars)
    {
        _text.Add(title);
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

    internal byte[] Save()
    {
        _graphics.Dispose();
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
