using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Calfwise.Core.Knowledge;
using Calfwise.Screening.Synth;
using Spectre.Console.Cli;

namespace Calfwise.Cli.Commands;

public sealed class SynthSettings : CommandSettings
{
    [CommandOption("--patients <N>")]
    [Description("How many patients, from 1 to 10,000,000.")]
    public string? Patients { get; init; }

    [CommandOption("--seed <SEED>")]
    [Description("The random seed: the same seed and --as-of give byte-identical files. Default 1.")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    [CommandOption("-o|--output <DIRECTORY>")]
    [Description("The folder to write into; created if missing, must be empty unless --force.")]
    public string? Output { get; init; }

    [CommandOption("--as-of <DATE>")]
    [Description("The day of the export (YYYY-MM-DD); every date is before it. Default today.")]
    public string? AsOf { get; init; }

    [CommandOption("--noise <LEVEL>")]
    [Description("realistic (default: many encounters, claims and vital signs per patient) or low.")]
    [DefaultValue("realistic")]
    public string Noise { get; init; } = "realistic";

    [CommandOption("--gzip")]
    [Description("Write .ndjson.gz files.")]
    public bool Gzip { get; init; }

    [CommandOption("--patients-per-file <N>")]
    [Description("Patients in each numbered file, from 100 to 1,000,000. Default 10,000.")]
    [DefaultValue(SynthOptions.DefaultPatientsPerFile)]
    public int PatientsPerFile { get; init; } = SynthOptions.DefaultPatientsPerFile;

    [CommandOption("--force")]
    [Description("Write into a folder that is not empty, replacing an export already there.")]
    public bool Force { get; init; }
}

/// <summary>Writes a synthetic FHIR Bulk Data export to test and measure population screening on (docs/screening.md).</summary>
public sealed class SynthCommand(CliIo io, KnowledgeBase knowledge) : Command<SynthSettings>
{
    public override int Execute(CommandContext context, SynthSettings settings, CancellationToken cancellationToken)
    {
        if (SynthArguments.Read(settings, io) is not { } arguments)
        {
            return ExitCodes.BadInput;
        }

        var (options, directory) = arguments;
        if (SynthArguments.PrepareDirectory(directory, settings.Output!, settings.Force, io) is { } failed)
        {
            return failed;
        }

        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var gate = new Lock();
        void Progress(long done)
        {
            lock (gate)
            {
                if (clock.Elapsed - lastReport < TimeSpan.FromSeconds(1) && done < options.Patients)
                {
                    return;
                }

                lastReport = clock.Elapsed;
                io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"calfwise synth: {done:N0} of {options.Patients:N0} patients, {done / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} patients/s"));
            }
        }

        SynthResult result;
        try
        {
            result = new SynthExport(knowledge).Write(options, directory, Progress, cancellationToken);
        }
        catch (IOException e)
        {
            io.Error.WriteLine($"calfwise: writing to '{settings.Output}' failed: {e.Message}");
            return ExitCodes.Failure;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var situations = string.Join(", ", result.Scenarios.Where(s => s.Key != Scenario.None && s.Value > 0).Select(s => $"{s.Key.Code()} {s.Value:N0}"));
        io.Out.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {options.Patients:N0} patients, {result.Files.Sum(f => f.Count):N0} resources in {result.Files.Count} files ({result.Bytes / 1e6:N1} MB) and manifest.json to {settings.Output} in {seconds:N1} s: {options.Patients / Math.Max(seconds, 0.001):N0} patients/s, {result.Bytes / options.Patients:N0} bytes per patient."));
        io.Out.Profile.Out.Writer.WriteLine($"Situations: {(situations.Length > 0 ? situations : "none")}.");
        return ExitCodes.Ok;
    }

}
