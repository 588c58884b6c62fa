using Calfwise.Core.Cases;

namespace Calfwise.Cli.Output;

internal static class Report
{
    /// <summary>Writes each input problem on its own line of standard error and returns the bad-input exit code.</summary>
    public static int InputErrors(CliIo io, IReadOnlyList<InputError> errors)
    {
        foreach (var error in errors)
        {
            io.Error.WriteLine($"calfwise: {error.Field}: {error.Message}");
        }

        return ExitCodes.BadInput;
    }
}
