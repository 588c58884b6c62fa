using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Cli.Output;

/// <summary>Reads a case from a file or standard input, reporting problems on standard error.</summary>
internal static class CaseInput
{
    public static PatientCase? Read(CliIo io, string path, KnowledgeBase knowledge)
    {
        string json;
        try
        {
            json = path == CalfwiseApp.StandardInput ? io.In.ReadToEnd() : File.ReadAllText(Path.GetFullPath(path, io.WorkingDirectory));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"calfwise: cannot read case file '{path}': {ex.Message}");
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
}
