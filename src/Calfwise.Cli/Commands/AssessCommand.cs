using System.ComponentModel;
using Calfwise.Cli.Output;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Spectre.Console.Cli;

namespace Calfwise.Cli.Commands;

public sealed class AssessSettings : CommandSettings
{
    [CommandArgument(0, "<CASE>")]
    [Description("The case JSON file (see docs/case-format.md), or - to read standard input.")]
    public string CasePath { get; init; } = "";

    [CommandOption("-f|--format <FORMAT>")]
    [Description("text (default) for people, json for programs.")]
    [DefaultValue("text")]
    public string Format { get; init; } = "text";
}

/// <summary>Assesses one case file.</summary>
public sealed class AssessCommand(CliIo io, KnowledgeBase knowledge) : Command<AssessSettings>
{
    public override int Execute(CommandContext context, AssessSettings settings, CancellationToken cancellationToken)
    {
        if (OutputFormat.Parse(settings.Format, io) is not { } format)
        {
            return ExitCodes.BadInput;
        }

        if (CaseInput.Read(io, settings.CasePath, knowledge) is not { } patient)
        {
            return ExitCodes.BadInput;
        }

        var outcome = new AssessmentEngine(knowledge).Assess(patient);
        if (!outcome.IsSuccess)
        {
            return Report.InputErrors(io, outcome.Errors);
        }

        if (format == OutputFormat.Json)
        {
            io.Out.Profile.Out.Writer.WriteLine(AssessmentJson.Write(outcome.Value, knowledge.Version));
        }
        else
        {
            new AssessmentRenderer(io.Out, knowledge).Render(outcome.Value);
        }

        return ExitCodes.Ok;
    }
}
