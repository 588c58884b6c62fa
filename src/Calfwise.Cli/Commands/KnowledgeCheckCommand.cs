using System.ComponentModel;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Calfwise.Cli.Commands;

public sealed class KnowledgeCheckSettings : CommandSettings
{
    [CommandOption("--dir <DIRECTORY>")]
    [Description("Check the YAML files in this folder instead of the knowledge built into calfwise.")]
    public string? Directory { get; init; }

    [CommandOption("--estimates")]
    [Description("Print every grade D estimate as a Markdown table (for docs/knowledge.md) instead of the summary.")]
    public bool Estimates { get; init; }
}

/// <summary>Validates the knowledge base and prints what it holds.</summary>
public sealed class KnowledgeCheckCommand(CliIo io) : Command<KnowledgeCheckSettings>
{
    public override int Execute(CommandContext context, KnowledgeCheckSettings settings, CancellationToken cancellationToken)
    {
        KnowledgeLoadResult result;
        if (settings.Directory is { } directory)
        {
            var path = Path.GetFullPath(directory, io.WorkingDirectory);
            if (!System.IO.Directory.Exists(path))
            {
                io.Error.WriteLine($"calfwise: --dir: folder '{directory}' does not exist");
                return ExitCodes.BadInput;
            }

            // Loading from a folder is the command line's job: Core reads texts, never files.
            var files = KnowledgeLoader.FileNames
                .Where(name => File.Exists(Path.Combine(path, name)))
                .ToDictionary(name => name, name => File.ReadAllText(Path.Combine(path, name)), StringComparer.Ordinal);
            result = KnowledgeLoader.Load(files);
        }
        else
        {
            result = KnowledgeLoader.LoadCompiled(EmbeddedKnowledge.Compiled());
        }

        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                io.Error.WriteLine(error.ToString());
            }

            io.Error.WriteLine($"calfwise: the knowledge base has {result.Errors.Count} error(s)");
            return ExitCodes.Failure;
        }

        var knowledge = result.Knowledge;
        if (settings.Estimates)
        {
            io.Out.Profile.Out.Writer.Write(EstimateReport.Markdown(knowledge));
            return ExitCodes.Ok;
        }

        var estimates = knowledge.Conditions.Count(c => c.PriorGrade == EvidenceGrade.D)
            + knowledge.Conditions.Sum(c => c.Findings.Count(f => f.Grade == EvidenceGrade.D) + c.Labs.Count(l => l.Grade == EvidenceGrade.D))
            + knowledge.MedicationClasses.Sum(m => m.Effects.Count(e => e.Grade == EvidenceGrade.D));
        var ratios = knowledge.Conditions.Sum(c => c.Findings.Count + c.Labs.Count) + knowledge.MedicationClasses.Sum(m => m.Effects.Count);
        var table = new Table().AddColumn("Knowledge").AddColumn(new TableColumn("Count").RightAligned());
        Row(table, "Sources", knowledge.Sources.Count);
        Row(table, "Findings", knowledge.Findings.Count);
        Row(table, "Conditions", knowledge.Conditions.Count);
        Row(table, "Likelihood ratios", ratios);
        Row(table, "Grade D estimates (priors and ratios)", estimates);
        Row(table, "Lab analytes", knowledge.Analytes.Count);
        Row(table, "Lab units", knowledge.Analytes.Sum(a => a.Units.Count + 1));
        Row(table, "Decision thresholds", knowledge.Thresholds.Count);
        Row(table, "Medication classes", knowledge.MedicationClasses.Count);
        Row(table, "Medications", knowledge.DrugClasses.Count);
        Row(table, "Red flags", knowledge.RedFlags.Count);
        Row(table, "Recommendations", knowledge.Recommendations.Count);
        io.Out.Write(table);
        io.Out.MarkupLine("[green]The knowledge base is valid.[/]");
        return ExitCodes.Ok;
    }

    private static void Row(Table table, string label, int count) =>
        table.AddRow(label, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
