using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Cases;

/// <summary>A lab result as a person or lab reported it.</summary>
public sealed record LabInput(string Analyte, decimal Value, string Unit);

/// <summary>
/// Everything known about one person's leg symptoms: the input of an assessment.
/// Findings map a finding id to yes (true) or no (false); a finding not in the map is unknown.
/// </summary>
public sealed record PatientCase(
    decimal Age,
    Sex Sex,
    bool? Pregnant,
    IReadOnlyDictionary<string, bool> Findings,
    IReadOnlyList<string> Medications,
    IReadOnlyList<LabInput> Labs,
    IReadOnlyList<int>? Irls)
{
    public bool IsPregnant => Pregnant == true;

    public bool? Answer(string findingId) => Findings.TryGetValue(findingId, out var answer) ? answer : null;

    /// <summary>A copy with one finding answered.</summary>
    public PatientCase WithAnswer(string findingId, bool answer) =>
        this with { Findings = new Dictionary<string, bool>(Findings, StringComparer.Ordinal) { [findingId] = answer } };
}

/// <summary>A problem with the input, naming the field and what is accepted.</summary>
public sealed record InputError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
