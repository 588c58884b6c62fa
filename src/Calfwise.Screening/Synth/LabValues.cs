using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Synth;

/// <summary>
/// Lab values in the canonical unit, placed relative to the knowledge base's ranges, limits and thresholds with a
/// margin, so rounding in another unit never moves a value across the line it was made to be on.
/// </summary>
internal sealed class LabValues(LabCatalog labs)
{
    public LabCatalog Labs => labs;

    /// <summary>Inside the reference range, away from both ends.</summary>
    public decimal Normal(SynthRandom random, string analyteId, Sex sex, decimal age)
    {
        var range = labs.Range(analyteId, sex, age);
        return (range.Low, range.High) switch
        {
            ({ } low, { } high) => random.Between(low + (high - low) * 0.15m, high - (high - low) * 0.15m),
            ({ } low, null) => random.Between(low * 1.05m, low * 1.3m),
            (null, { } high) => random.Between(high * 0.1m, high * 0.8m),
            _ => throw new InvalidOperationException($"{analyteId} has no reference range"),
        };
    }

    /// <summary>Below the reference range but above every critical low limit.</summary>
    public decimal MildlyLow(SynthRandom random, string analyteId, Sex sex, decimal age)
    {
        var low = labs.Range(analyteId, sex, age).Low ?? throw new InvalidOperationException($"{analyteId} has no low limit");
        var floor = labs.CriticalLimits(analyteId).Where(c => c.Comparison is Comparison.Below or Comparison.AtMost)
            .Select(c => c.Value).Where(v => v < low).DefaultIfEmpty(labs.Analyte(analyteId).MinPossible).Max();
        return random.Between(floor + (low - floor) * 0.15m, low - (low - floor) * 0.1m);
    }

    /// <summary>Below a fraction of a threshold: <c>Under(t, 0.3, 0.9)</c> is between 30% and 90% of it.</summary>
    public static decimal Under(SynthRandom random, decimal threshold, decimal from, decimal to) => random.Between(threshold * from, threshold * to);

    /// <summary>At or above a threshold but below the critical high limits above it.</summary>
    public decimal RaisedFrom(SynthRandom random, string analyteId, decimal threshold)
    {
        var ceiling = labs.CriticalLimits(analyteId).Where(c => c.Comparison is Comparison.Above or Comparison.AtLeast)
            .Select(c => c.Value).Where(v => v > threshold).DefaultIfEmpty(threshold * 1.2m).Min();
        return random.Between(threshold + (ceiling - threshold) * 0.05m, threshold + (ceiling - threshold) * 0.9m);
    }

    /// <summary>Beyond a critical limit, inside what is physiologically possible.</summary>
    public decimal Critical(SynthRandom random, string analyteId, CriticalLimit limit)
    {
        var analyte = labs.Analyte(analyteId);
        return limit.Comparison is Comparison.Below or Comparison.AtMost
            ? random.Between(Math.Max(analyte.MinPossible * 1.1m, limit.Value * 0.85m), limit.Value * 0.97m)
            : random.Between(limit.Value * 1.02m, Math.Min(limit.Value * 1.1m, analyte.MaxPossible * 0.9m));
    }
}
