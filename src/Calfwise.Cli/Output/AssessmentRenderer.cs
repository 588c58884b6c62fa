using System.Globalization;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Spectre.Console;

namespace Calfwise.Cli.Output;

/// <summary>Writes an assessment for a person to read: triage first, then the differential, labs and plan.</summary>
internal sealed class AssessmentRenderer(IAnsiConsole console)
{
    private const int BarWidth = 20;
    private const double ShownProbability = 0.02;
    private const int MinimumShown = 5;

    public void Render(Assessment assessment)
    {
        RenderTriage(assessment);
        RenderDifferential(AssessmentPresentation.Differential(assessment));
        if (assessment.Labs.Count > 0)
        {
            RenderLabs(assessment.Labs);
        }

        RenderIron(assessment.Iron);
        RenderCriteria(assessment);
        RenderPlan(assessment.Recommendations);
        foreach (var warning in assessment.Warnings)
        {
            console.MarkupLine($"[yellow]Note:[/] {Markup.Escape(warning)}");
        }

        console.WriteLine();
        console.Write(new Panel(new Text(assessment.Disclaimer)).Header("Please read").BorderColor(Color.Grey));
    }

    public void RenderLabs(IReadOnlyList<LabResult> labs)
    {
        var table = new Table().Title("Your lab results").Expand()
            .AddColumn("Test").AddColumn("Result").AddColumn("In standard units").AddColumn("Reading").AddColumn("Range");
        foreach (var lab in labs)
        {
            var range = (lab.Low, lab.High) switch
            {
                ({ } low, { } high) => $"{Number(low)} to {Number(high)}",
                ({ } low, null) => $"{Number(low)} or more",
                (null, { } high) => $"up to {Number(high)}",
                _ => "no range",
            };
            table.AddRow(
                Markup.Escape(lab.Name + (lab.Derived ? " (calculated)" : "")),
                Markup.Escape($"{Number(lab.Value)} {lab.Unit}"),
                Markup.Escape($"{Number(lab.CanonicalValue)} {lab.CanonicalUnit}"),
                Status(lab.Status),
                Markup.Escape(range + (lab.RangeSource is { } source ? $" [{source}]" : "")));
        }

        console.Write(table);
        foreach (var lab in labs.Where(l => l.Note is not null))
        {
            console.MarkupLine($"[grey]{Markup.Escape(lab.Name)}: {Markup.Escape(lab.Note!)}[/]");
        }
    }

    private void RenderTriage(Assessment assessment)
    {
        var (colour, title) = assessment.Triage.Level switch
        {
            TriageLevel.Emergency => (Color.Red, "EMERGENCY: get help now"),
            TriageLevel.Urgent => (Color.DarkOrange, "URGENT: see a doctor today"),
            TriageLevel.Routine => (Color.Yellow, "ROUTINE: book an appointment"),
            _ => (Color.Green, "SELF-CARE: manage at home"),
        };
        var lines = new List<string> { $"[bold]{Markup.Escape(assessment.Triage.Advice)}[/]", "" };
        lines.AddRange(assessment.Triage.Reasons.Select(r => "• " + Markup.Escape(r)));
        console.Write(new Panel(new Markup(string.Join('\n', lines))).Header($"[bold]{title}[/]").BorderColor(colour).Expand());
        foreach (var flag in assessment.RedFlags)
        {
            console.MarkupLine($"[red bold]Red flag ({flag.Level.ToId()}):[/] {Markup.Escape(flag.Text)} [grey][[{Markup.Escape(string.Join(", ", flag.Sources))}]][/]");
        }
    }

    private void RenderDifferential(IReadOnlyList<ConditionResult> differential)
    {
        var table = new Table().Title("What could explain it").Expand()
            .AddColumn("Condition").AddColumn(new TableColumn("Chance").RightAligned()).AddColumn("").AddColumn("What moved it most");
        var shown = differential.Where((c, i) => i < MinimumShown || c.Probability >= ShownProbability).ToList();
        foreach (var condition in shown)
        {
            var filled = (int)Math.Round(condition.Probability * BarWidth, MidpointRounding.AwayFromZero);
            var bar = $"[blue]{new string('█', filled)}[/][grey]{new string('░', BarWidth - filled)}[/]";
            var strongest = condition.Evidence
                .OrderByDescending(e => Math.Abs(Math.Log(e.LikelihoodRatio)))
                .Take(3)
                .Select(e => $"{e.Label} (×{e.LikelihoodRatio.ToString("0.##", CultureInfo.InvariantCulture)})");
            table.AddRow(Markup.Escape(condition.Name), Percent(condition.Probability), bar, Markup.Escape(string.Join("; ", strongest)));
        }

        console.Write(table);
        var hidden = differential.Count - shown.Count;
        if (hidden > 0)
        {
            console.MarkupLine($"[grey]{hidden} other conditions were considered and are unlikely (below {Percent(ShownProbability)}).[/]");
        }

        console.MarkupLine("[grey]Each condition is judged on its own, so the chances do not add up to 100%. ×2 means that answer made it twice as likely.[/]");
    }

    private void RenderIron(IronAssessment iron)
    {
        console.MarkupLine($"[bold]Iron:[/] {Markup.Escape(iron.Explanation)} [grey][[{Markup.Escape(string.Join(", ", iron.Sources))}]][/]");
    }

    private void RenderCriteria(Assessment assessment)
    {
        var criteria = assessment.Criteria;
        if (!AssessmentPresentation.ShowsRlsCriteria(assessment))
        {
            RenderIrls(assessment);
            return;
        }

        var table = new Table().Title($"Restless legs criteria (IRLSSG 2014): {criteria.Status.ToId()}").Expand()
            .AddColumn("#").AddColumn("Criterion").AddColumn("Status");
        foreach (var criterion in criteria.Criteria)
        {
            var text = criterion.Text + (criterion.Note is null ? "" : $" ({criterion.Note})");
            table.AddRow(criterion.Number.ToString(CultureInfo.InvariantCulture), Markup.Escape(text), criterion.Status.ToId());
        }

        console.Write(table);
        RenderIrls(assessment);
    }

    private void RenderIrls(Assessment assessment)
    {
        if (assessment.Irls is { } irls)
        {
            console.MarkupLine($"[bold]IRLS severity:[/] {irls.Total} of {irls.Max}, {Markup.Escape(irls.Band)} [grey][[{Markup.Escape(irls.Source)}]] {Markup.Escape(irls.LicenceNote)}[/]");
        }
    }

    private void RenderPlan(IReadOnlyList<AppliedRecommendation> recommendations)
    {
        console.WriteLine();
        console.MarkupLine("[bold underline]What to do next[/]");
        var references = new List<SourceReference>();
        var number = 1;
        foreach (var recommendation in recommendations)
        {
            var citations = recommendation.Sources.Select(source =>
            {
                var index = references.FindIndex(r => r.Id == source.Id);
                if (index < 0)
                {
                    references.Add(source);
                    index = references.Count - 1;
                }

                return (index + 1).ToString(CultureInfo.InvariantCulture);
            });
            console.MarkupLine($"{number++}. [bold]{Markup.Escape(recommendation.Title)}[/] ({Markup.Escape(recommendation.Kind)}): {Markup.Escape(recommendation.Text)} [grey][[{string.Join(", ", citations)}]][/]");
        }

        console.WriteLine();
        console.MarkupLine("[bold]Sources[/]");
        for (var i = 0; i < references.Count; i++)
        {
            console.MarkupLine($"[grey][[{i + 1}]] {Markup.Escape(references[i].Citation)} {Markup.Escape(references[i].Url)} (evidence grade {references[i].Grade})[/]");
        }
    }

    private static string Status(Calfwise.Core.Knowledge.LabStatus status) => status switch
    {
        Calfwise.Core.Knowledge.LabStatus.Critical => "[red bold]critical[/]",
        Calfwise.Core.Knowledge.LabStatus.Low => "[yellow]low[/]",
        Calfwise.Core.Knowledge.LabStatus.High => "[yellow]high[/]",
        Calfwise.Core.Knowledge.LabStatus.Normal => "[green]normal[/]",
        _ => "no range",
    };

    private static string Percent(double probability) =>
        probability < 0.01 ? "<1%" : probability.ToString("0%", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
