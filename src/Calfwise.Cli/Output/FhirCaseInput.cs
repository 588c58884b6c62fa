using Calfwise.Core.Knowledge;
using Calfwise.Fhir;

namespace Calfwise.Cli.Output;

/// <summary>A case read from a FHIR R4 Bundle or resource; what could not be read is listed on standard error.</summary>
internal static class FhirCaseInput
{
    public static FhirCase? Read(CliIo io, string path, KnowledgeBase knowledge)
    {
        if (CaseInput.ReadText(io, path, "FHIR file") is not { } json)
        {
            return null;
        }

        var read = new FhirCaseReader(knowledge, io.Clock).Read(json);
        if (!read.IsSuccess)
        {
            Report.InputErrors(io, read.Errors);
            return null;
        }

        foreach (var unmapped in read.Value!.Unmapped)
        {
            io.Error.WriteLine($"calfwise: not read: {unmapped}");
        }

        return read.Value;
    }
}
