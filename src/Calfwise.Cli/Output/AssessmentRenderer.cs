using System.Globalization;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Spectre.Console;

namespace Calfwise.Cli.Output;

/// <summary>Lays out an assessment's <see cref="AssessmentView"/> in the terminal: triage first, then causes, labs and plan.</summary>
internal sealed class AssessmentRenderer(IAnsiConsole console, KnowledgeBase knowledge)
{
    /// <summary>The environment variable naming the country whose emergency number and iron tablet are given (default GB).</summary>
    public const string CountryVariable = "CALFWISE_COUNTRY";

    private const int BarWidth = 20;

    /// <summary>The country of <see cref="CountryVariable"/>, or the default when it is unset or not known.</summary>
    public static Locale Country => Locale.For(Environment.GetEnvironmentVariable(CountryVariable)) ?? Locale.Default;

    public void Render(Assessment assessment) => Render(new AssessmentPresenter(knowledge, Country).Present(assessment));

    public void Render(AssessmentView view)
    {
        RenderTriage(view);
        RenderDifferential(view.Differential);
        if (view.Labs.Count > 0)
        {
            RenderLabs(view.Labs);
        }

        console.MarkupLine($"[bold]Iron:[/] {Markup.Escape(view.Iron.Explanation)} {Cite(view.Iron.Citations)}");
        RenderCriteria(view);
        RenderPlan(view);
        foreach (var warning in view.Warnings)
        {
            console.MarkupLine($"[yellow]Note:[/] {Markup.Escape(warning)}");
        }

        console.WriteLine();
        console.Write(new Panel(new Text(view.Disclaimer)).Header("Please read").BorderColor(Color.Grey));
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
        foreach (var lab in labs)
        {
            if (lab.Note is { } note)
            {
                console.MarkupLine($"[grey]{Markup.Escape(lab.Name)}: {Markup.Escape(note)}[/]");
            }
        }
    }

    private void RenderTriage(AssessmentView view)
    {
        var colour = view.Triage.Level switch
        {
            TriageLevel.Emergency => Color.Red,
            TriageLevel.Urgent => Color.DarkOrange,
            TriageLevel.Routine => Color.Yellow,
            _ => Color.Green,
        };
        var lines = new List<string> { $"[bold]{Markup.Escape(view.Triage.Advice)}[/]", "" };
        lines.AddRange(view.Triage.Reasons.Select(r => "• " + Markup.Escape(r)));
        var title = $"{view.Triage.Level.ToId().ToUpperInvariant()}: {view.Triage.Heading}";
        console.Write(new Panel(new Markup(string.Join('\n', lines))).Header($"[bold]{Markup.Escape(title)}[/]").BorderColor(colour).Expand());
        foreach (var group in view.RedFlagGroups)
        {
            var style = group.Level >= TriageLevel.Urgent ? "red bold" : "bold";
            console.MarkupLine($"[{style}]{Markup.Escape(group.Heading)}:[/]");
            foreach (var flag in group.Flags)
            {
                console.MarkupLine($"• {Markup.Escape(flag.Text)} {Cite(flag.Citations)}");
            }
        }
    }

    private void RenderDifferential(DifferentialView differential)
    {
        var table = new Table().Title("What could explain it").Expand()
            .AddColumn("Cause").AddColumn(new TableColumn("Chance").RightAligned()).AddColumn("").AddColumn("What moved it most");
        foreach (var condition in differential.Shown)
        {
            var filled = (int)Math.Round(condition.Probability * BarWidth, MidpointRounding.AwayFromZero);
            var bar = $"[blue]{new string('█', filled)}[/][grey]{new string('░', BarWidth - filled)}[/]";
            var strongest = string.Join("; ", condition.KeyEvidence.Select(e => $"{e.Label} ({e.Weight})"));
            table.AddRow(Markup.Escape(condition.Name), Markup.Escape($"{condition.Percent} {condition.Band}".Trim()), bar, Markup.Escape(strongest));
        }

        console.Write(table);
        if (differential.LedByRedFlags)
        {
            console.MarkupLine("[grey]The causes behind the warning signs come first.[/]");
        }

        if (differential.Hidden > 0)
        {
            console.MarkupLine($"[grey]{differential.Hidden} other causes were considered and are unlikely (below {AssessmentPresenter.Percent(differential.HiddenBelow)}).[/]");
        }

        console.MarkupLine("[grey]Each cause is judged on its own, so the chances do not add up to 100%. ×2 means that answer made it twice as likely.[/]");
    }

    private void RenderCriteria(AssessmentView view)
    {
        if (view.Criteria is { } criteria)
        {
            var table = new Table().Title($"Restless legs criteria (IRLSSG 2014): {criteria.Status.ToId()}").Expand()
                .AddColumn("#").AddColumn("Criterion").AddColumn("Status");
            foreach (var criterion in criteria.Criteria)
            {
                var text = criterion.Text + (criterion.Note is null ? "" : $" ({criterion.Note})");
                table.AddRow(criterion.Number.ToString(CultureInfo.InvariantCulture), Markup.Escape(text), criterion.Status.ToId());
            }

            console.Write(table);
        }

        if (view.Irls is { } irls)
        {
            console.MarkupLine($"[bold]IRLS severity:[/] {irls.Total} of {irls.Max}, {Markup.Escape(irls.Band)} [grey]{Markup.Escape(irls.LicenceNote)}[/]");
        }
    }

    private void RenderPlan(AssessmentView view)
    {
        console.WriteLine();
        console.MarkupLine("[bold underline]What to do next[/]");
        foreach (var step in view.Plan)
        {
            console.MarkupLine($"{step.Number}. [bold]{Markup.Escape(step.Title)}[/] ({Markup.Escape(step.Kind)}): {Markup.Escape(step.Text)} {Cite(step.Citations)}");
        }

        console.WriteLine();
        console.MarkupLine("[bold]Sources[/]");
        foreach (var source in view.References)
        {
            console.MarkupLine($"[grey][[{source.Number}]] {Markup.Escape(source.Citation)} {Markup.Escape(source.Url)} (evidence grade {source.Grade})[/]");
        }
    }

    private static string Cite(IReadOnlyList<int> numbers) =>
        numbers.Count == 0 ? "" : $"[grey][[{string.Join(", ", numbers)}]][/]";

    private static string Status(LabStatus status) => status switch
    {
        LabStatus.Critical => "[red bold]critical[/]",
        LabStatus.Low => "[yellow]low[/]",
        LabStatus.High => "[yellow]high[/]",
        LabStatus.Normal => "[green]normal[/]",
        _ => "no range",
    };

    private static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
