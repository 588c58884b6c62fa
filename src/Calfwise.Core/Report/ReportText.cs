using System.Globalization;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;

namespace Calfwise.Core.Report;

/// <summary>
/// How the report for the doctor words the details of a view: evidence as "present" or "absent" with its likelihood
/// ratio, and sources as full references with a web address only when there is one to follow.
/// </summary>
public static class ReportText
{
    private const string AbsentPrefix = "No: ";

    /// <summary>The evidence worth naming: a weight that reads as something other than ×1.</summary>
    public static IEnumerable<EvidenceView> Telling(IEnumerable<EvidenceView> evidence) =>
        evidence.Where(e => Math.Round(e.LikelihoodRatio, 2) != 1);

    /// <summary>"Calf fasciculations absent (likelihood ratio 0.5)", "Worse at rest (likelihood ratio 3)".</summary>
    public static string Evidence(EvidenceView evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var label = evidence.Label.StartsWith(AbsentPrefix, StringComparison.Ordinal)
            ? evidence.Label[AbsentPrefix.Length..] + " absent"
            : evidence.Label;
        return $"{label} (likelihood ratio {evidence.LikelihoodRatio.ToString("0.##", CultureInfo.InvariantCulture)})";
    }

    /// <summary>The web address of a source when it can be followed (http or https); null otherwise.</summary>
    public static string? Address(NumberedSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            ? source.Url
            : null;
    }

    /// <summary>A full reference: authors, title, journal or publisher and year as cited, then the address when there is one.</summary>
    public static string Reference(NumberedSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Address(source) is { } url ? $"{source.Citation} {url}" : source.Citation;
    }

    /// <summary>Citation numbers as the report prints them after a statement: " [1, 3]", or nothing.</summary>
    public static string Cite(IReadOnlyList<int> numbers) =>
        numbers is null || numbers.Count == 0 ? "" : $" [{string.Join(", ", numbers)}]";

    /// <summary>A criterion's status in words: met, not met, not known.</summary>
    public static string Words(CriterionStatus status) => status switch
    {
        CriterionStatus.Met => "met",
        CriterionStatus.NotMet => "not met",
        _ => "not known",
    };

    /// <summary>
    /// The fired red flags in two groups, each only when it has any: the warning signs (urgent and emergency), and
    /// the routine reasons to see a doctor, which are not warning signs and are not shown as such.
    /// </summary>
    public static IEnumerable<(string Heading, IReadOnlyList<RedFlagView> Flags)> FlagGroups(IReadOnlyList<RedFlagView> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var warning = flags.Where(f => f.Level >= TriageLevel.Urgent).ToList();
        var routine = flags.Where(f => f.Level < TriageLevel.Urgent).ToList();
        if (warning.Count > 0)
        {
            yield return ("Warning signs found", warning);
        }

        if (routine.Count > 0)
        {
            yield return ("Other reasons to see a doctor", routine);
        }
    }

    /// <summary>A triage level as a short label: Emergency, Urgent, Routine, Self-care.</summary>
    public static string Level(TriageLevel level) => level switch
    {
        TriageLevel.Emergency => "Emergency",
        TriageLevel.Urgent => "Urgent",
        TriageLevel.Routine => "Routine",
        _ => "Self-care",
    };
}
