using System.Globalization;
using System.Net;
using System.Text;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Output;

/// <summary>
/// A one-page HTML summary of a screening: patients found per rule, by age band and by sex (bar charts drawn as inline
/// SVG with their numbers in tables beside them, so it reads without scripts and prints), and what was not read.
/// </summary>
public static class SummaryHtml
{
    private static readonly string[] Bands = ["0-17", "18-34", "35-49", "50-64", "65-79", "80+", "unknown"];
    private static readonly string[] Sexes = ["female", "male", "unknown"];

    public static string Render(ScanCounts scan, AssessCounts assess, DateOnly asOf, string knowledgeVersion)
    {
        var html = new StringBuilder();
        var screened = assess.Screened.Values.Sum();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Calfwise population screening, {{asOf:yyyy-MM-dd}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
            table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}svg text{font-size:12px}</style></head><body>
            <h1>Population screening</h1>
            <p>As of {{asOf:yyyy-MM-dd}}; knowledge {{Esc(knowledgeVersion)}}. {{assess.Patients:N0}} patients read, {{screened:N0}} screened,
            {{assess.PatientsWithHits:N0}} with at least one finding. Each finding is a prompt for a clinician's review, not a diagnosis.</p>
            """);
        var byRule = ScreeningRules.All.Select(r => (r.Title, Sum(assess, k => k[0] == r.Id))).ToList();
        Section(html, "Patients found, by rule", byRule);
        Section(html, "Patients found, by age band (any rule, counted once per rule)", Bands.Select(b => (b, Sum(assess, k => k[1] == b))).ToList());
        Section(html, "Patients found, by sex", Sexes.Select(s => (s, Sum(assess, k => k[2] == s))).ToList());
        html.Append("<h2>Population screened, by age band and sex</h2><table><tr><th>age band</th>");
        foreach (var sex in Sexes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{sex}</th>");
        }

        html.Append("</tr>");
        foreach (var band in Bands)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{band}</td>");
            foreach (var sex in Sexes)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{assess.Screened.GetValueOrDefault($"{band}|{sex}"):N0}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table><h2>Not screened, and not read</h2><table>");
        foreach (var (why, n) in assess.NotScreened.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>patients not screened: {Esc(why)}</td><td class=\"n\">{n:N0}</td></tr>");
        }

        foreach (var (why, n) in scan.Skipped.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            var meaning = SkipReasons.DescribeKey(why) is { } text ? $" ({Esc(text)})" : "";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>resources not read: {Esc(why)}{meaning}</td><td class=\"n\">{n:N0}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<tr><td>lines that were not a FHIR resource</td><td class=\"n\">{scan.Malformed:N0}</td></tr></table>");
        foreach (var problem in scan.Problems)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><code>{Esc(problem)}</code></p>");
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static long Sum(AssessCounts assess, Func<string[], bool> match) => assess.Hits.Where(h => match(h.Key.Split('|'))).Sum(h => h.Value);

    private static void Section(StringBuilder html, string title, IReadOnlyList<(string Label, long Count)> bars)
    {
        const int barArea = 360, label = 300, row = 22;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Count));
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Esc(title)}</h2><svg role=\"img\" aria-label=\"{Esc(title)}\" width=\"{label + barArea + 80}\" height=\"{bars.Count * row + 4}\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var width = (int)Math.Round(barArea * (double)bars[i].Count / max);
            var y = i * row;
            html.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 15}\">{Esc(Shorten(bars[i].Label))}</text><rect x=\"{label}\" y=\"{y + 3}\" width=\"{width}\" height=\"{row - 6}\" fill=\"#2b6cb0\"/><text x=\"{label + width + 6}\" y=\"{y + 15}\">{bars[i].Count:N0}</text>");
        }

        html.Append("</svg><table>");
        foreach (var (text, count) in bars)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(text)}</td><td class=\"n\">{count:N0}</td></tr>");
        }

        html.Append("</table>");
    }

    private static string Shorten(string text) => text.Length <= 44 ? text : text[..43] + "…";

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
