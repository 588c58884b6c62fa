using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Cli.Output;

/// <summary>Reads a case from a file or standard input, reporting problems on standard error.</summary>
internal static class CaseInput
{
    public static PatientCase? Read(CliIo io, string path, KnowledgeBase knowledge)
    {
        if (ReadText(io, path, "case file") is not { } json)
        {
            return null;
        }

        var read = CaseJson.Read(json, knowledge, io.Today);
        if (!read.IsValid)
        {
            Report.InputErrors(io, read.Errors);
            return null;
        }

        return read.Case;
    }

    /// <summary>The text of a file, or of standard input for <c>-</c>; null (with the reason on standard error) when it cannot be read.</summary>
    public static string? ReadText(CliIo io, string path, string what)
    {
        try
        {
            return path == CalfwiseApp.StandardInput ? io.In.ReadToEnd() : File.ReadAllText(Path.GetFullPath(path, io.WorkingDirectory));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"calfwise: cannot read {what} '{path}': {ex.Message}");
            return null;
        }
    }
}
