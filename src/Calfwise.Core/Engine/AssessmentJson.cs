using Calfwise.Core.Contracts;

namespace Calfwise.Core.Engine;

/// <summary>Writes an assessment as the JSON contract of docs/case-format.md (<see cref="AssessmentResponse"/>), as the CLI prints it.</summary>
public static class AssessmentJson
{
    public static string Write(Assessment assessment, string knowledgeVersion) => ContractJson.Write(Responses.From(assessment, knowledgeVersion));

    /// <summary>Writes lab results alone, for quick readings.</summary>
    public static string WriteLabs(IReadOnlyList<LabResult> labs) => ContractJson.Write(Responses.From(labs));
}
