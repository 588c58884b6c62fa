namespace Calfwise.Core.Interview;

/// <summary>The information-gain arithmetic the interview ranks questions by.</summary>
public sealed partial class Interviewer
{
    private static double ExpectedGain(EvidenceRow[] rows, Dictionary<string, double> probabilities)
    {
        var gain = 0.0;
        foreach (var row in rows)
        {
            gain += ConditionGain(row, probabilities[row.ConditionId]);
        }

        return gain;
    }

    /// <summary>Expected entropy fall of one condition; the chance of "yes" comes from the ratios' sensitivity and specificity.</summary>
    private static double ConditionGain(EvidenceRow row, double p)
    {
        var (sensitivity, specificity) = row.SensitivitySpecificity;
        var yes = (p * sensitivity) + ((1 - p) * (1 - specificity));
        return Entropy(p) - (yes * Entropy(Update(p, row.Yes))) - ((1 - yes) * Entropy(Update(p, row.No)));
    }

    private static double Update(double p, double lr)
    {
        var odds = p / (1 - p) * lr;
        return double.IsPositiveInfinity(odds) ? 1 : odds / (1 + odds);
    }

    private static double Entropy(double p) =>
        p <= 0 || p >= 1 ? 0 : -(p * Math.Log2(p)) - ((1 - p) * Math.Log2(1 - p));

    private sealed record EvidenceRow(int Index, string ConditionId, string ConditionName, double Yes, double No)
    {
        /// <summary>Assumed for the missing side when only one ratio is published: a typical, not a known, accuracy.</summary>
        private const double AssumedAccuracy = 0.9;

        /// <summary>
        /// From LR+ = s / (1 - sp) and LR- = (1 - s) / sp. When only "yes" has a ratio, specificity is taken as 0.9
        /// (so s = 0.1 × LR+); when only "no" has one, sensitivity is taken as 0.9.
        /// </summary>
        public (double Sensitivity, double Specificity) SensitivitySpecificity { get; } = Solve(Yes, No);

        private static (double, double) Solve(double yes, double no)
        {
            if (Math.Abs(yes - no) < 1e-9)
            {
                return (0.5, 0.5);
            }

            if (no == 1)
            {
                return (Math.Clamp(yes * (1 - AssumedAccuracy), 0.01, 0.99), AssumedAccuracy);
            }

            if (yes == 1)
            {
                return (AssumedAccuracy, Math.Clamp((1 - AssumedAccuracy) / no, 0.01, 0.99));
            }

            var specificity = (yes - 1) / (yes - no);
            var sensitivity = yes * (1 - specificity);
            return (Math.Clamp(sensitivity, 0.01, 0.99), Math.Clamp(specificity, 0.01, 0.99));
        }
    }
}
