using System.ComponentModel;
using System.Text;
using Calfwise.Screening.Views;
using Spectre.Console.Cli;

namespace Calfwise.Cli.Commands;

public sealed class ViewsRunSettings : CommandSettings
{
    [CommandArgument(0, "<VIEW>")]
    [Description("A SQL-on-FHIR v2 ViewDefinition (JSON), such as knowledge/views/observation-labs.json.")]
    public string ViewPath { get; init; } = "";

    [CommandArgument(1, "<INPUT>")]
    [Description("An NDJSON file (.ndjson or .ndjson.gz), or a Bulk Data export folder: its files for the view's resource are read.")]
    public string InputPath { get; init; } = "";

    [CommandOption("-f|--format <FORMAT>")]
    [Description("csv (default, RFC 4180), json (an array of row objects) or parquet (needs --output).")]
    [DefaultValue("csv")]
    public string Format { get; init; } = "csv";

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the rows to FILE instead of standard output.")]
    public string? Output { get; init; }
}

/// <summary>Flattens a FHIR Bulk Data export into rows with a SQL-on-FHIR ViewDefinition (docs/screening.md).</summary>
public sealed class ViewsRunCommand(CliIo io) : AsyncCommand<ViewsRunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ViewsRunSettings settings, CancellationToken cancellationToken)
    {
        if (!ViewRowWriter.Formats.Contains(settings.Format))
        {
            return BadInput($"--format: '{settings.Format}' is not a format; accepted: {string.Join(", ", ViewRowWriter.Formats)}");
        }

        if (settings.Format == "parquet" && settings.Output is null)
        {
            return BadInput("--format parquet writes a binary file: give --output FILE");
        }

        if (ReadView(settings.ViewPath) is not { } view)
        {
            return ExitCodes.BadInput;
        }

        var input = Path.GetFullPath(settings.InputPath, io.WorkingDirectory);
        IReadOnlyList<string> files;
        if (Directory.Exists(input))
        {
            files = NdjsonViewRunner.FilesFor(input, view.Resource);
        }
        else if (File.Exists(input))
        {
            files = [input];
        }
        else
        {
            return BadInput($"'{settings.InputPath}' is neither an NDJSON file nor a folder");
        }

        return await Run(view, files, settings, cancellationToken);
    }

    private async Task<int> Run(CompiledView view, IReadOnlyList<string> files, ViewsRunSettings settings, CancellationToken cancellationToken)
    {
        var outputPath = settings.Output is null ? null : Path.GetFullPath(settings.Output, io.WorkingDirectory);
        var succeeded = false;
        try
        {
            await using var stream = outputPath is null ? null : new FileStream(outputPath, FileMode.Create, FileAccess.Write);
            await using var text = stream is null || settings.Format == "parquet" ? null : new StreamWriter(stream, new UTF8Encoding(false));
            await using var writer = ViewRowWriter.Create(settings.Format, view.Columns, text ?? io.Out.Profile.Out.Writer, stream);
            var summary = await NdjsonViewRunner.RunAsync(view, files, writer, cancellationToken);
            if (outputPath is not null)
            {
                io.Error.WriteLine($"calfwise: {summary.Rows} rows from {summary.Resources} resources in {summary.Files} files written to {settings.Output}");
            }

            succeeded = true;
            return ExitCodes.Ok;
        }
        catch (NdjsonException error)
        {
            return BadInput(error.Message);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return BadInput($"cannot read or write: {error.Message}");
        }
        finally
        {
            if (!succeeded && File.Exists(outputPath))
            {
                File.Delete(outputPath);
            }
        }
    }

    private CompiledView? ReadView(string path)
    {
        var full = Path.GetFullPath(path, io.WorkingDirectory);
        try
        {
            if (new FileInfo(full).Length > 1024 * 1024)
            {
                BadInput($"{path}: a view is at most 1 MiB");
                return null;
            }

            return CompiledView.Compile(ViewDefinition.Parse(File.ReadAllText(full)));
        }
        catch (ViewDefinitionException error)
        {
            BadInput($"{path}: {error.Message}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            BadInput($"cannot read view '{path}': {error.Message}");
        }

        return null;
    }

    private int BadInput(string message)
    {
        io.Error.WriteLine($"calfwise: {message}");
        return ExitCodes.BadInput;
    }
}
