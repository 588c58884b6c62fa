using Spectre.Console;

namespace Calfwise.Cli;

/// <summary>Where the command line reads and writes: injected so tests run it in-process.</summary>
public sealed record CliIo(IAnsiConsole Out, TextWriter Error, TextReader In, string WorkingDirectory)
{
    /// <summary>The clock that gives the day of an assessment (ages from birth dates, lab dates not in the future).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);
}

/// <summary>Exit codes of the calfwise command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
