namespace Calfwise.Core.Knowledge;

/// <summary>A lab value read against its reference range and critical limits.</summary>
public enum LabStatus
{
    Low,
    Normal,
    High,
    Critical,
    /// <summary>No reference range in the knowledge base applies to this person.</summary>
    Unranged,
}

public static class LabStatusIds
{
    public static string ToId(this LabStatus status) => status switch
    {
        LabStatus.Low => "low",
        LabStatus.Normal => "normal",
        LabStatus.High => "high",
        LabStatus.Critical => "critical",
        LabStatus.Unranged => "unranged",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
