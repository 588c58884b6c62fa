using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Cases;

/// <summary>A lab result as a person or lab reported it.</summary>
public sealed record LabInput(string Analyte, decimal Value, string Unit)
{
    /// <summary>The day the sample was taken, when known.</summary>
    public DateOnly? Date { get; init; }
}

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
    internal static readonly IReadOnlySet<string> None = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Findings the person was asked about and answered "I don't know": unknown, but not to be asked again.</summary>
    public IReadOnlySet<string> DontKnow { get; init; } = None;

    /// <summary>Lab requests of the interview the person could not answer ("I don't have them").</summary>
    public IReadOnlySet<string> LabsUnavailable { get; init; } = None;

    /// <summary>The trimester of pregnancy (1, 2 or 3) when known; only with <see cref="Pregnant"/> true.</summary>
    public int? Trimester { get; init; }

    /// <summary>
    /// The birth date when one was given. The validated case's age is then computed from it on the day of validation
    /// (<see cref="CaseValidator.AgeOn"/>), and <see cref="Age"/> must agree with it within
    /// <see cref="CaseValidator.AgeTolerance"/> year; a reader that has only a birth date can fill <see cref="Age"/> with
    /// <see cref="CaseValidator.AgeOn"/>.
    /// </summary>
    public DateOnly? BirthDate { get; init; }

    public bool IsPregnant => Pregnant == true;

    /// <summary>Whether the finding was asked: answered yes, no, or "I don't know".</summary>
    public bool WasAsked(string findingId) => Findings.ContainsKey(findingId) || DontKnow.Contains(findingId);

    public bool? Answer(string findingId) => Findings.TryGetValue(findingId, out var answer) ? answer : null;

    /// <summary>A copy with one finding answered.</summary>
    public PatientCase WithAnswer(string findingId, bool answer) =>
        this with
        {
            Findings = new Dictionary<string, bool>(Findings, StringComparer.Ordinal) { [findingId] = answer },
            DontKnow = Without(DontKnow, findingId),
        };

    /// <summary>A copy with one finding answered "I don't know".</summary>
    public PatientCase WithDontKnow(string findingId)
    {
        var findings = new Dictionary<string, bool>(Findings, StringComparer.Ordinal);
        findings.Remove(findingId);
        return this with { Findings = findings, DontKnow = new HashSet<string>(DontKnow, StringComparer.Ordinal) { findingId } };
    }

    /// <summary>A copy with a finding's answer taken back, as if never asked.</summary>
    public PatientCase WithoutAnswer(string findingId)
    {
        var findings = new Dictionary<string, bool>(Findings, StringComparer.Ordinal);
        findings.Remove(findingId);
        return this with { Findings = findings, DontKnow = Without(DontKnow, findingId) };
    }

    private static HashSet<string> Without(IReadOnlySet<string> set, string item)
    {
        var copy = new HashSet<string>(set, StringComparer.Ordinal);
        copy.Remove(item);
        return copy;
    }
}

/// <summary>A problem with the input, naming the field and what is accepted.</summary>
public sealed record InputError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
