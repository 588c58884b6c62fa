using System.ComponentModel;
using Calfwise.Cli.Output;
using Calfwise.Core.Interview;
using Calfwise.Core.Knowledge;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Calfwise.Cli.Commands;

public sealed class NextQuestionSettings : CommandSettings
{
    [CommandArgument(0, "<CASE>")]
    [Description("The case so far (JSON, see docs/case-format.md), or - to read standard input.")]
    public string CasePath { get; init; } = "";

    [CommandOption("-f|--format <FORMAT>")]
    [Description("text (default) or json.")]
    [DefaultValue("text")]
    public string Format { get; init; } = "text";
}

/// <summary>Prints the next interview question for a partial case, so other programs can drive the interview.</summary>
public sealed class NextQuestionCommand(CliIo io, KnowledgeBase knowledge) : Command<NextQuestionSettings>
{
    public override int Execute(CommandContext context, NextQuestionSettings settings, CancellationToken cancellationToken)
    {
        if (OutputFormat.Parse(settings.Format, io) is not { } format)
        {
            return ExitCodes.BadInput;
        }

        if (CaseInput.Read(io, settings.CasePath, knowledge) is not { } patient)
        {
            return ExitCodes.BadInput;
        }

        var outcome = new Interviewer(knowledge).Next(patient);
        if (!outcome.IsSuccess)
        {
            return Report.InputErrors(io, outcome.Errors);
        }

        var step = outcome.Value;
        if (format == OutputFormat.Json)
        {
            io.Out.Profile.Out.Writer.WriteLine(InterviewJson.Write(step));
            return ExitCodes.Ok;
        }

        if (step.Alert is { } alert)
        {
            var locale = Output.AssessmentRenderer.Country;
            var heading = alert.Level == TriageLevel.Emergency ? $"EMERGENCY: {locale.EmergencyHeading}" : "See a doctor today";
            io.Out.MarkupLine($"[bold red]{Markup.Escape(heading)}[/]");
            foreach (var advice in alert.Advice)
            {
                io.Out.MarkupLine($"  {Markup.Escape(locale.Fill(advice))}");
            }
        }

        if (step.Question is not { } question)
        {
            io.Out.MarkupLine($"[green]Done:[/] {Markup.Escape(step.DoneReason ?? "")}");
            return ExitCodes.Ok;
        }

        var how = question.Checklist
            ? "which of these apply (tick: yes; not ticked: no" + (question.NotSure ? "; or not sure)" : ")")
            : "yes, no or not sure";
        io.Out.MarkupLine($"[bold]{Markup.Escape(question.Text)}[/] [grey]({Markup.Escape(how)})[/]");
        foreach (var item in question.Items)
        {
            io.Out.MarkupLine($"  • {Markup.Escape(item.Text)} [grey]({Markup.Escape(item.FindingId)})[/]");
        }

        foreach (var analyte in question.Analytes)
        {
            io.Out.MarkupLine($"  • {Markup.Escape(knowledge.AnalytesById[analyte].Name)} [grey]({Markup.Escape(analyte)})[/]");
        }

        io.Out.MarkupLine($"[grey]Why: {Markup.Escape(question.Why)}[/]");
        return ExitCodes.Ok;
    }
}
