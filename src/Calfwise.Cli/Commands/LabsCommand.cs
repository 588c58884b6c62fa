using System.ComponentModel;
using Calfwise.Cli.Output;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Calfwise.Cli.Commands;

public sealed class LabsSettings : CommandSettings
{
    [CommandArgument(0, "<LAB...>")]
    [Description("Lab results as analyte=value unit, for example ferritin=28ng/mL tsat=16% hb=12.1g/dL.")]
    public string[] Labs { get; init; } = [];

    [CommandOption("--sex <SEX>")]
    [Description("female or male: ranges such as haemoglobin depend on it. Default female.")]
    [DefaultValue("female")]
    public string Sex { get; init; } = "female";

    [CommandOption("--age <YEARS>")]
    [Description("Age in years, from 0 to 120. Default 30.")]
    [DefaultValue(30)]
    public decimal Age { get; init; } = 30;

    [CommandOption("--pregnant")]
    [Description("Read the ranges for pregnancy.")]
    public bool Pregnant { get; init; }

    [CommandOption("-f|--format <FORMAT>")]
    [Description("text (default) or json.")]
    [DefaultValue("text")]
    public string Format { get; init; } = "text";
}

/// <summary>Reads lab results quickly, without a full case.</summary>
public sealed class LabsCommand(CliIo io, KnowledgeBase knowledge) : Command<LabsSettings>
{
    public override int Execute(CommandContext context, LabsSettings settings, CancellationToken cancellationToken)
    {
        if (OutputFormat.Parse(settings.Format, io) is not { } format)
        {
            return ExitCodes.BadInput;
        }

        Sex sex;
        switch (settings.Sex)
        {
            case "female":
                sex = Sex.Female;
                break;
            case "male":
                sex = Sex.Male;
                break;
            default:
                return Report.InputErrors(io, [new InputError("--sex", $"must be female or male, not '{settings.Sex}'")]);
        }

        var parsed = LabExpression.Parse(settings.Labs, knowledge);
        if (!parsed.IsSuccess)
        {
            return Report.InputErrors(io, parsed.Errors);
        }

        var patient = new PatientCase(settings.Age, sex, settings.Pregnant ? true : null, new Dictionary<string, bool>(), [], parsed.Value, null);
        var validated = CaseValidator.Validate(patient, knowledge, TimeProvider.System);
        if (!validated.IsSuccess)
        {
            return Report.InputErrors(io, validated.Errors);
        }

        var labs = new LabInterpreter(knowledge).Interpret(validated.Value);
        if (format == OutputFormat.Json)
        {
            io.Out.Profile.Out.Writer.WriteLine(AssessmentJson.WriteLabs(labs));
        }
        else
        {
            var renderer = new AssessmentRenderer(io.Out, knowledge);
            renderer.RenderLabs(labs);
            io.Out.MarkupLine($"[grey]Ranges for a {(settings.Pregnant ? "pregnant " : "")}{settings.Sex} aged {settings.Age}; use --sex, --age and --pregnant for yours. Each lab's own range wins.[/]");
        }

        return ExitCodes.Ok;
    }
}
