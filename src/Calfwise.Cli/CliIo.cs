using Spectre.Console;

namespace Calfwise.Cli;

/// <summary>Where the command line reads and writes: injected so tests run it in-process.</summary>
public sealed record CliIo(IAnsiConsole Out, TextWriter Error, TextReader In, string WorkingDirectory);

/// <summary>Exit codes of the calfwise command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
