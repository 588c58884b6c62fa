using Spectre.Console.Testing;

namespace Calfwise.Cli.Tests;

/// <summary>Runs the calfwise command in-process with a fake console, capturing output, errors and exit code.</summary>
internal static class CliRunner
{
    public static CliResult RunWithInput(string input, params string[] args)
    {
        var console = new TestConsole().Width(140);
        console.Profile.Capabilities.Ansi = false;
        var error = new StringWriter();
        var io = new CliIo(console, error, new StringReader(input), Repository.Root);
        var code = CalfwiseApp.Run(args, io);
        return new CliResult(code, console.Output, error.ToString());
    }

    public static CliResult Run(params string[] args) => RunWithInput("", args);

}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\nstandard error:\n{Error}\nstandard output:\n{Output}";

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
