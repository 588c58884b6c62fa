using System.ComponentModel;
using System.Runtime.CompilerServices;
using Calfwise.Cli.Output;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Fhir;
using Spectre.Console.Cli;

namespace Calfwise.Cli.Commands;

public sealed class AssessSettings : CommandSettings
{
    [CommandArgument(0, "<CASE>")]
    [Description("The case JSON file (see docs/case-format.md), or - to read standard input.")]
    public string CasePath { get; init; } = "";

    [CommandOption("-f|--format <FORMAT>")]
    [Description("text (default) for people, json for programs, fhir for a FHIR R4 Bundle (docs/fhir.md).")]
    [DefaultValue("text")]
    public string Format { get; init; } = "text";

    [CommandOption("-i|--input <INPUT>")]
    [Description("case (default): the case JSON; fhir: a FHIR R4 Bundle or resource (docs/fhir.md).")]
    [DefaultValue("case")]
    public string Input { get; init; } = "case";
}

/// <summary>Assesses one case file, or one FHIR record.</summary>
public sealed class AssessCommand(CliIo io, KnowledgeBase knowledge) : Command<AssessSettings>
{
    private const string Fhir = "fhir";

    public override int Execute(CommandContext context, AssessSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Input is not ("case" or Fhir))
        {
            io.Error.WriteLine($"calfwise: --input: '{settings.Input}' is not an input; accepted: case, fhir");
            return ExitCodes.BadInput;
        }

        if (settings.Format is not ("text" or "json" or Fhir))
        {
            io.Error.WriteLine($"calfwise: --format: '{settings.Format}' is not a format; accepted: text, json, fhir");
            return ExitCodes.BadInput;
        }

        if ((settings.Input == Fhir || settings.Format == Fhir) && !RuntimeFeature.IsDynamicCodeSupported)
        {
            // The Firely SDK builds its FHIR model by reflection and generated code, which Native AOT does not run
            // (docs/cli.md): rooting its assemblies was tried and still fails when its serializers start.
            io.Error.WriteLine("calfwise: FHIR input and output do not run in the Native AOT build; use the portable package (-r any) or dotnet run");
            return ExitCodes.Failure;
        }

        var fhirCase = settings.Input == Fhir ? FhirCaseInput.Read(io, settings.CasePath, knowledge) : null;
        var patient = settings.Input == Fhir ? fhirCase?.Case : CaseInput.Read(io, settings.CasePath, knowledge);
        if (patient is null)
        {
            return ExitCodes.BadInput;
        }

        var validated = CaseValidator.Validate(patient, knowledge, io.Clock);
        if (!validated.IsSuccess)
        {
            return Report.InputErrors(io, fhirCase?.Locate(validated.Errors) ?? validated.Errors);
        }

        var assessment = new AssessmentEngine(knowledge, io.Clock).Assess(validated.Value!);
        if (settings.Format == Fhir)
        {
            var bundle = new FhirAssessmentWriter(knowledge, io.Clock).Write(validated.Value!, assessment);
            FhirAssessor.AddUnmapped(bundle, fhirCase?.Unmapped ?? []);
            io.Out.Profile.Out.Writer.WriteLine(FhirJson.Write(bundle));
        }
        else if (settings.Format == "json")
        {
            io.Out.Profile.Out.Writer.WriteLine(AssessmentJson.Write(assessment, knowledge.Version));
        }
        else
        {
            new AssessmentRenderer(io.Out, knowledge).Render(assessment);
        }

        return ExitCodes.Ok;
    }
}
