namespace Calfwise.Data;

/// <summary>
/// One item of CDS Hooks feedback an EHR sent about a card: what the clinician did with it (accepted a suggestion, or
/// overrode it with or without a reason). Not personal data: a card names no patient, and the comment is capped.
/// </summary>
public sealed class CdsFeedbackRow
{
    public const int MaxServiceId = 60;
    public const int MaxCard = 100;
    public const int MaxCardKind = 80;
    public const int MaxOutcome = 20;
    public const int MaxSuggestions = 1000;
    public const int MaxReasonSystem = 256;
    public const int MaxReasonCode = 100;
    public const int MaxComment = 1000;

    public Guid Id { get; set; }

    /// <summary>The service the feedback was posted to (calfwise-patient-view and so on).</summary>
    public required string ServiceId { get; set; }

    /// <summary>The card's uuid as Calfwise gave it.</summary>
    public required string Card { get; set; }

    /// <summary>The kind of card (gi-workup, rls-iron, red-flag-...), read from the uuid; "unknown" for a uuid Calfwise did not give.</summary>
    public required string CardKind { get; set; }

    /// <summary><c>accepted</c> or <c>overridden</c>.</summary>
    public required string Outcome { get; set; }

    /// <summary>When the clinician acted (the feedback's outcomeTimestamp, in UTC).</summary>
    public DateTimeOffset OutcomeAt { get; set; }

    /// <summary>When Calfwise received it.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The accepted suggestions' uuids, space-separated.</summary>
    public string? AcceptedSuggestions { get; set; }

    public string? ReasonSystem { get; set; }

    public string? ReasonCode { get; set; }

    /// <summary>The clinician's comment (overrideReason.userComment).</summary>
    public string? Comment { get; set; }
}
