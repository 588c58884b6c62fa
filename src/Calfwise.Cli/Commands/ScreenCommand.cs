using System.ComponentModel;
using System.Globalization;
using Calfwise.Core.Knowledge;
using Calfwise.Screening;
using Calfwise.Screening.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Calfwise.Cli.Commands;

public sealed class ScreenSettings : CommandSettings
{
    [CommandArgument(0, "<EXPORT_DIR>")]
    [Description("A FHIR Bulk Data export: a folder of NDJSON files (.ndjson or .ndjson.gz), one or more per resource type.")]
    public string Export { get; init; } = "";

    [CommandOption("-o|--output <DIR>")]
    [Description("Where the results go: screening.csv, screening.parquet, Group.ndjson, measure-report.json, summary.html.")]
    public string? Output { get; init; }

    [CommandOption("--as-of <DATE>")]
    [Description("The day to screen for, YYYY-MM-DD (\"the last year\" counts back from it). Default today.")]
    public string? AsOf { get; init; }

    [CommandOption("--workers <N>")]
    [Description("Work items run at once, 1 to 256. Default: one per core (with --cluster: 8).")]
    public int? Workers { get; init; }

    [CommandOption("--cluster")]
    [Description("Run the job on a screening cluster (calfwise-silo processes) instead of in this process; needs --redis.")]
    public bool Cluster { get; init; }

    [CommandOption("--redis <HOST:PORT>")]
    [Description("With --cluster: the Redis server holding the cluster's membership table.")]
    public string? Redis { get; init; }

    [CommandOption("--cluster-id <ID>")]
    [Description("With --cluster: the cluster's id, as given to its silos. Default calfwise.")]
    [DefaultValue("calfwise")]
    public string ClusterId { get; init; } = "calfwise";
}

/// <summary>Screens a population's bulk export for the patients Calfwise would help (docs/screening.md).</summary>
public sealed partial class ScreenCommand(CliIo io, KnowledgeBase knowledge) : AsyncCommand<ScreenSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ScreenSettings settings, CancellationToken cancellationToken)
    {
        if (Validate(settings) is { } problem)
        {
            io.Error.WriteLine($"calfwise: {problem}");
            return ExitCodes.BadInput;
        }

        var asOf = settings.AsOf is null ? io.Today : DateOnly.ParseExact(settings.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var options = new ScreeningOptions(Path.Combine(io.WorkingDirectory, settings.Export), Path.Combine(io.WorkingDirectory, settings.Output!), asOf, settings.Workers);
        try
        {
            var result = await WithProgress(progress => settings.Cluster
                ? RunOnClusterAsync(settings, options, progress, cancellationToken)
                : ScreeningJob.RunAsync(options, knowledge, progress, cancellationToken));
            io.Out.MarkupLine(CultureInfo.InvariantCulture, $"Screened [bold]{result.Assess.Screened.Values.Sum():N0}[/] of {result.Assess.Patients:N0} patients in {result.Elapsed.TotalSeconds:N1} s: " +
                $"[bold]{result.Assess.PatientsWithHits:N0}[/] with a finding, {result.Rows:N0} rows.");
            foreach (var file in result.Files)
            {
                var relative = Path.GetRelativePath(io.WorkingDirectory, file);
                io.Out.WriteLine($"  {(relative.StartsWith("..", StringComparison.Ordinal) ? file : relative)}");
            }

            foreach (var notRead in result.Scan.Problems)
            {
                io.Error.WriteLine($"calfwise: not read: {notRead}");
            }

            if (result.Scan.Malformed > result.Scan.Problems.Count)
            {
                io.Error.WriteLine($"calfwise: {result.Scan.Malformed - result.Scan.Problems.Count:N0} more lines were not FHIR resources (summary.html counts them)");
            }

            return ExitCodes.Ok;
        }
        catch (ScreeningInputException e)
        {
            io.Error.WriteLine($"calfwise: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static string? Validate(ScreenSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Output))
        {
            return "--output: give the folder the results go to, for example --output screening-results";
        }

        if (settings.AsOf is not null && !DateOnly.TryParseExact(settings.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return $"--as-of: '{settings.AsOf}' is not a date; write YYYY-MM-DD";
        }

        if (settings.Cluster != (settings.Redis is not null))
        {
            return settings.Cluster ? "--cluster needs --redis HOST:PORT (the cluster's membership table)" : "--redis is only used with --cluster";
        }

        return settings.Workers is < 1 or > 256 ? $"--workers: {settings.Workers} is out of range; give 1 to 256" : null;
    }

    /// <summary>Runs the job with a progress bar (bytes flattened, then buckets assessed, with rate and time left) on an interactive terminal.</summary>
    private async Task<ScreeningResult> WithProgress(Func<IProgress<ScreeningProgress>?, Task<ScreeningResult>> run)
    {
        if (!io.Out.Profile.Capabilities.Interactive)
        {
            return await run(null);
        }

        ScreeningResult? result = null;
        await io.Out.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var flatten = ctx.AddTask("flatten");
                var assess = ctx.AddTask("assess", autoStart: false);
                var progress = new Progress<ScreeningProgress>(p =>
                {
                    var task = p.Phase == "flatten" ? flatten : assess;
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = p.Phase == "flatten" ? $"flatten ({p.Facts:N0} rows)" : "assess";
                    if (p.Phase == "assess" && !assess.IsStarted)
                    {
                        flatten.Value = flatten.MaxValue;
                        assess.StartTask();
                    }
                });
                result = await run(progress);
                flatten.Value = flatten.MaxValue;
                assess.Value = assess.MaxValue;
            });
        return result!;
    }
}
