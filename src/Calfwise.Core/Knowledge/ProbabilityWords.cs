namespace Calfwise.Core.Knowledge;

/// <summary>A probability in words, from the bands of triage.yaml: the one place a number becomes "likely" or "possible".</summary>
public static class ProbabilityWords
{
    /// <summary>Said of a chance below every band.</summary>
    public const string BelowBands = "unlikely";

    /// <summary>The words of the highest band at or below the probability ("likely", "possible"), or <see cref="BelowBands"/>.</summary>
    public static string Words(this KnowledgeBase knowledge, double probability)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return knowledge.Bands.Values
            .OrderByDescending(b => b.Probability)
            .FirstOrDefault(b => probability >= b.Probability)?.Words ?? BelowBands;
    }
}
