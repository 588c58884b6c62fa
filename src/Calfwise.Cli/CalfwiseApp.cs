using System.Diagnostics.CodeAnalysis;
using Calfwise.Cli.Commands;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using Spectre.Console.Cli;

namespace Calfwise.Cli;

/// <summary>Composes the calfwise command line.</summary>
public static class CalfwiseApp
{
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Spectre.Console.Cli's reflection is kept working by rooting its assembly and ours (Calfwise.Cli.csproj); the published tool is run end to end.")]
    public static CommandApp Create(CliIo io)
    {
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(CliIo), io);
        registrar.RegisterLazy(typeof(KnowledgeBase), () => EmbeddedKnowledge.Instance);
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("calfwise");
            config.ConfigureConsole(io.Out);
            config.AddCommand<AssessCommand>("assess")
                .WithDescription("Assess a case file (JSON, or - for standard input): triage, differential, labs and plan.")
                .WithExample("assess", "examples/rls-low-ferritin.json")
                .WithExample("assess", "-", "--format", "json");
            config.AddCommand<InterviewCommand>("interview")
                .WithDescription("Answer questions one at a time in the terminal, then see the assessment.")
                .WithExample("interview", "--save", "my-case.json");
            config.AddCommand<NextQuestionCommand>("next-question")
                .WithDescription("Print the next interview question for a partial case (JSON, or - for standard input).")
                .WithExample("next-question", "my-case.json", "--format", "json");
            config.AddCommand<LabsCommand>("labs")
                .WithDescription("Read lab results quickly, in any common unit.")
                .WithExample("labs", "ferritin=28ng/mL", "tsat=16%", "hb=12.1g/dL");
            config.AddCommand<ScreenCommand>("screen")
                .WithDescription("Screen a population's FHIR Bulk Data export: who Calfwise would help, with the rule, the evidence and the source.")
                .WithExample("screen", "export/", "--output", "screening-results");
            config.AddCommand<SynthCommand>("synth")
                .WithDescription("Write a synthetic FHIR Bulk Data export (NDJSON per resource type and manifest.json) to test screening on.")
                .WithExample("synth", "--patients", "2000", "--seed", "7", "--output", "synthetic-export")
                .WithExample("synth", "--patients", "100000", "--output", "big", "--gzip", "--as-of", "2026-12-01");
            config.AddBranch("knowledge", knowledge =>
            {
                knowledge.SetDescription("Work with the knowledge base.");
                knowledge.AddCommand<KnowledgeCheckCommand>("check")
                    .WithDescription("Validate the knowledge base and print a summary.");
            });
            config.AddBranch("views", views =>
            {
                views.SetDescription("Flatten FHIR Bulk Data exports with SQL-on-FHIR v2 ViewDefinitions.");
                views.AddCommand<ViewsRunCommand>("run")
                    .WithDescription("Run a ViewDefinition over an NDJSON file or export folder: rows as CSV, JSON or Parquet.")
                    .WithExample("views", "run", "knowledge/views/observation-labs.json", "export/", "--format", "parquet", "--output", "labs.parquet");
            });
            config.SetExceptionHandler((exception, _) =>
            {
                switch (exception)
                {
                    case CommandParseException or CommandRuntimeException:
                        io.Error.WriteLine($"calfwise: {exception.Message}");
                        return ExitCodes.BadInput;
                    case KnowledgeLoadException knowledgeError:
                        io.Error.WriteLine($"calfwise: {knowledgeError.Message}");
                        return ExitCodes.Failure;
                    default:
                        io.Error.WriteLine($"calfwise: unexpected error: {exception.Message}");
                        return ExitCodes.Failure;
                }
            });
        });
        return app;
    }

    /// <summary>Stands for a lone "-" (standard input), which the parser would otherwise read as a nameless option.</summary>
    public const string StandardInput = "\u241Fstdin";

    public static int Run(string[] args, CliIo io) =>
        Create(io).Run(args.Select(a => a == "-" ? StandardInput : a).ToArray());
}
