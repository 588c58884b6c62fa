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
public static class SvgCharts
{
    private const int Width = 600;
    private const int Height = 220;
    private const int Left = 36;
    private const int Bottom = 28;
    private const int Top = 12;

    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<(string Label, double Value)> bars, int labelEvery = 1)
    {
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Top - Bottom;
        var step = bars.Count == 0 ? plotWidth : plotWidth / (double)bars.Count;
        var svg = Open(id, title, description);
        Axis(svg, max, plotHeight);
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var h = value / max * plotHeight;
            var x = Left + (i * step) + (step * 0.15);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{F(x)}\" y=\"{F(Top + plotHeight - h)}\" width=\"{F(step * 0.7)}\" height=\"{F(h)}\"><title>{Encode(label)}: {F(value)}</title></rect>");
            if (i % labelEvery == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + (step * 0.35))}\" y=\"{Height - 10}\" text-anchor=\"middle\" font-size=\"11\">{Encode(label)}</text>");
            }
        }

        return Close(svg);
    }

    public static IHtmlContent Line(string id, string title, string description, IReadOnlyList<(DateTimeOffset At, double Value)> points, double max)
    {
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Top - Bottom;
        var svg = Open(id, title, description);
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
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot\" cx=\"{F(c.X)}\" cy=\"{F(c.Y)}\" r=\"3\"><title>{p.At:yyyy-MM-dd HH:mm}: {F(p.Value)}</title></circle>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 10}\" font-size=\"11\">{first:d MMM}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 8}\" y=\"{Height - 10}\" font-size=\"11\" text-anchor=\"end\">{points.Max(p => p.At):d MMM}</text>");
        }

        return Close(svg);
    }

    /// <summary>Episodes a day on days with and without each factor.</summary>
    public static IHtmlContent Factors(string id, IReadOnlyList<FactorAssociation> associations) =>
        Bars(
            id,
            "Episodes a day, with and without each factor",
            "For each factor, the average number of episodes on days with it and on days without it.",
            associations.SelectMany(a => new[] { ($"{a.FactorId} yes", a.EpisodesPerDayWith), ($"{a.FactorId} no", a.EpisodesPerDayWithout) }).ToList());

    private static StringBuilder Open(string id, string title, string description) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title><desc id=\"{id}-desc\">{Encode(description)}</desc>");

    private static void Axis(StringBuilder svg, double max, int plotHeight)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\"></line>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - 8}\" y2=\"{Top + plotHeight}\"></line>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\">{F(max)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + plotHeight}\" text-anchor=\"end\" font-size=\"11\">0</text>");
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
