using System.Globalization;
using System.Xml.Linq;
using Calfwise.Core.Diary;
using Calfwise.Web.Charts;
using Microsoft.AspNetCore.Html;

namespace Calfwise.Web.Tests;

/// <summary>The diary's charts on a 360 px phone: text no smaller than 12 px, tick labels that do not run into each other.</summary>
public sealed class SvgChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly IReadOnlyList<(string, double)> Hours =
        Enumerable.Range(0, 24).Select(h => (h.ToString("00", CultureInfo.InvariantCulture), (double)(h % 5))).ToList();

    private static readonly IReadOnlyList<(string, double)> Days =
        Enumerable.Range(0, 14).Select(d => (new DateOnly(2026, 11, 20).AddDays(d).ToString("d MMM", CultureInfo.InvariantCulture), (double)(d % 3))).ToList();

    private static readonly FactorAssociation[] Associations =
    [
        new("caffeine", "high-caffeine-intake", 3, 4, 2.3, 0.5, true, "4+ cups of caffeine", Steady: false),
        new("poor-sleep", "poor-sleep", 9, 12, 1.1, 1, false, "under 6 hours of sleep", Steady: true),
    ];

    public static TheoryData<string> Charts => ["hours", "days", "line", "factors"];

    [Theory]
    [MemberData(nameof(Charts))]
    public void Every_label_is_at_least_12_px_on_a_360_px_phone(string chart)
    {
        var svg = Parse(Draw(chart));
        var width = double.Parse(svg.Attribute("viewBox")!.Value.Split(' ')[2], CultureInfo.InvariantCulture);
        var texts = svg.Descendants(Svg + "text").ToList();

        Assert.NotEmpty(texts);
        Assert.All(texts, text =>
        {
            var rendered = double.Parse(text.Attribute("font-size")!.Value, CultureInfo.InvariantCulture) * SvgCharts.NarrowestPx / width;
            Assert.True(rendered >= 12, $"'{text.Value}' would be {rendered:0.#} px");
        });
    }

    [Theory]
    [InlineData("hours")]
    [InlineData("days")]
    public void Tick_labels_under_the_bars_leave_room_between_them(string chart)
    {
        var svg = Parse(Draw(chart));
        var ticks = svg.Descendants(Svg + "text").Where(t => t.Attribute("text-anchor")!.Value == "middle")
            .Select(t => (X: double.Parse(t.Attribute("x")!.Value, CultureInfo.InvariantCulture), Width: t.Value.Length * 0.6 * SvgCharts.FontSize))
            .OrderBy(t => t.X).ToList();

        Assert.InRange(ticks.Count, 3, 8); // enough to read the axis, few enough to fit
        foreach (var (left, right) in ticks.Zip(ticks.Skip(1)))
        {
            Assert.True(right.X - left.X >= ((left.Width + right.Width) / 2) + 4, $"labels at {left.X} and {right.X} collide");
        }
    }

    [Fact]
    public void The_factor_chart_names_each_factor_in_words_with_its_days_and_marks_a_possibly_chance_one()
    {
        var texts = Parse(SvgCharts.Factors("factors", Associations)).Descendants(Svg + "text").Select(t => t.Value).ToList();

        Assert.Contains("4+ cups of caffeine", texts);
        Assert.Contains("7 days: may be chance", texts);
        Assert.Contains("under 6 hours of sleep", texts);
        Assert.Contains("21 days", texts);
        Assert.DoesNotContain(texts, t => t.Contains("caffeine yes", StringComparison.Ordinal) || t.Contains("poor-sleep", StringComparison.Ordinal));
    }

    private static IHtmlContent Draw(string chart) => chart switch
    {
        "hours" => SvgCharts.Bars("h", "By hour", "Episodes by hour.", Hours, labelEvery: 6),
        "days" => SvgCharts.Bars("d", "By day", "Episodes by day.", Days, labelEvery: 2),
        "line" => SvgCharts.Line("l", "Intensity", "Intensity over time.", [(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), 3), (new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero), 7)], 10),
        _ => SvgCharts.Factors("f", Associations),
    };

    private static XElement Parse(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return XElement.Parse(writer.ToString());
    }
}
