using System.Globalization;
using System.Net;
using System.Text;
using Calfwise.Core.Diary;
using Microsoft.AspNetCore.Html;

namespace Calfwise.Web.Charts;

/// <summary>
/// Charts drawn on the server as SVG: no script, each with a title and a description for screen readers, and a data
/// table beside it on the page. Attributes only (no inline styles), so the content security policy stays strict.
/// </summary>
/// <remarks>
/// Drawn for a phone first: the view box is about as wide as a 360 px screen's content, so the text stays at least
/// <see cref="MinRenderedFontPx"/> px there (the page's style caps how far it grows on a desktop), and tick labels are
/// thinned until they no longer collide.
/// </remarks>
public static class SvgCharts
{
    /// <summary>The width of the view box, in the units of every coordinate and font size below.</summary>
    public const int Width = 360;

    /// <summary>The font size of every label, in view box units.</summary>
    public const int FontSize = 14;

    /// <summary>The narrowest the chart is drawn: a 360 px phone less the page's padding.</summary>
    public const int NarrowestPx = 328;

    /// <summary>The smallest text on the narrowest screen, in CSS pixels.</summary>
    public const double MinRenderedFontPx = FontSize * NarrowestPx / (double)Width;

    private const int Height = 200;
    private const int Left = 30;
    private const int Right = 8;
    private const int Bottom = 26;
    private const int Top = 14;
    private const double CharWidth = 0.6 * FontSize; // a generous average width of a digit or letter
    private const double LabelGap = 8;

    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<(string Label, double Value)> bars, int labelEvery = 1)
    {
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var step = bars.Count == 0 ? plotWidth : plotWidth / (double)bars.Count;
        var every = LabelEvery(bars.Select(b => b.Label), step, labelEvery);
        var svg = Open(id, title, description, Height);
        Axis(svg, max, plotHeight);
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var h = value / max * plotHeight;
            var x = Left + (i * step) + (step * 0.15);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{F(x)}\" y=\"{F(Top + plotHeight - h)}\" width=\"{F(step * 0.7)}\" height=\"{F(h)}\"><title>{Encode(label)}: {F(value)}</title></rect>");
            if (i % every == 0)
            {
                Text(svg, x + (step * 0.35), Height - 6, label, "middle");
            }
        }

        return Close(svg);
    }

    public static IHtmlContent Line(string id, string title, string description, IReadOnlyList<(DateTimeOffset At, double Value)> points, double max)
    {
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var svg = Open(id, title, description, Height);
        Axis(svg, max, plotHeight);
        if (points.Count > 0)
        {
            var first = points.Min(p => p.At);
            var span = Math.Max(1, (points.Max(p => p.At) - first).TotalMinutes);
            var coordinates = points.OrderBy(p => p.At).Select(p => (X: Left + ((p.At - first).TotalMinutes / span * plotWidth), Y: Top + plotHeight - (p.Value / max * plotHeight))).ToList();
            svg.Append("<polyline class=\"line\" fill=\"none\" points=\"")
               .AppendJoin(' ', coordinates.Select(c => $"{F(c.X)},{F(c.Y)}"))
               .Append("\"></polyline>");
            foreach (var (c, p) in coordinates.Zip(points.OrderBy(p => p.At)))
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot\" cx=\"{F(c.X)}\" cy=\"{F(c.Y)}\" r=\"4\"><title>{p.At:d MMM yyyy HH:mm}: {F(p.Value)}</title></circle>");
            }

            Text(svg, Left, Height - 6, first.ToString("d MMM", CultureInfo.InvariantCulture), "start");
            Text(svg, Width - Right, Height - 6, points.Max(p => p.At).ToString("d MMM", CultureInfo.InvariantCulture), "end");
        }

        return Close(svg);
    }

    /// <summary>
    /// Episodes a day on days with and without each factor, as a pair of horizontal bars under the factor's words and
    /// the days behind it; a pair read from too few days to be steady is drawn faint, and its label says so.
    /// </summary>
    public static IHtmlContent Factors(string id, IReadOnlyList<FactorAssociation> associations)
    {
        const int rowHeight = 98;
        const int barLeft = 74;
        const int barMax = Width - barLeft - 44; // room for the value after the longest bar
        var height = Math.Max(1, associations.Count) * rowHeight;
        var max = Math.Max(0.1, associations.Count == 0 ? 0 : associations.Max(a => Math.Max(a.EpisodesPerDayWith, a.EpisodesPerDayWithout)));
        var svg = Open(
            id,
            "Episodes a day, with and without each factor",
            "For each factor, the average number of episodes on days with it and on days without it, and the number of days behind it.",
            height);
        for (var i = 0; i < associations.Count; i++)
        {
            var a = associations[i];
            var y = i * rowHeight;
            Text(svg, 0, y + 16, a.Label, "start");
            Text(svg, 0, y + 34, a.Steady ? $"{a.Days} days" : $"{a.Days} days: may be chance", "start");
            foreach (var (row, name, value) in new[] { (0, "with", a.EpisodesPerDayWith), (1, "without", a.EpisodesPerDayWithout) })
            {
                var barY = y + 42 + (row * 24);
                var length = value / max * barMax;
                var faint = a.Steady ? "" : " fill-opacity=\"0.45\"";
                Text(svg, barLeft - 6, barY + 15, name, "end");
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{barLeft}\" y=\"{barY}\" width=\"{F(length)}\" height=\"20\"{faint}><title>{Encode(a.Label)}, {name}: {F(value)} a day</title></rect>");
                Text(svg, barLeft + length + 6, barY + 15, value.ToString("0.#", CultureInfo.InvariantCulture), "start");
            }
        }

        return Close(svg);
    }

    /// <summary>Every how many bars a label fits without running into the next one (at least <paramref name="requested"/>).</summary>
    public static int LabelEvery(IEnumerable<string> labels, double step, int requested = 1)
    {
        var widest = labels.Select(l => l.Length).DefaultIfEmpty(0).Max() * CharWidth;
        return Math.Max(Math.Max(1, requested), (int)Math.Ceiling((widest + LabelGap) / Math.Max(step, 1)));
    }

    private static StringBuilder Open(string id, string title, string description, int height) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title><desc id=\"{id}-desc\">{Encode(description)}</desc>");

    private static void Axis(StringBuilder svg, double max, int plotHeight)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\"></line>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + plotHeight}\"></line>");
        Text(svg, Left - 5, Top + 5, F(max), "end");
        Text(svg, Left - 5, Top + plotHeight, "0", "end");
    }

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" font-size=\"{FontSize}\">{Encode(text)}</text>");

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
