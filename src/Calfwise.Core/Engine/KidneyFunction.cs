using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;

namespace Calfwise.Core.Engine;

/// <summary>Estimated glomerular filtration rate from creatinine, age and sex, without race.</summary>
/// <remarks>
/// CKD-EPI 2021 (ckd-epi-2021): eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^-1.200 × 0.9938^age × 1.012 if female,
/// Scr in mg/dL, κ 0.7 (female) or 0.9 (male), α -0.241 (female) or -0.302 (male). Adults only. An eGFR below 60
/// mL/min/1.73 m² for three months is chronic kidney disease.
/// </remarks>
public static class KidneyFunction
{
    public const string SourceId = "ckd-epi-2021";
    public const double ChronicKidneyDiseaseBelow = 60;
    public const decimal AdultAge = 18;

    /// <summary>The eGFR in mL/min/1.73 m², or null for children or a missing unit.</summary>
    public static double? Egfr(Analyte creatinine, decimal canonicalCreatinine, Sex sex, decimal age)
    {
        if (age < AdultAge || UnitConverter.Find(creatinine, "mg/dL") is not { } mgPerDl)
        {
            return null;
        }

        var scr = (double)mgPerDl.FromCanonical(canonicalCreatinine);
        var female = sex == Sex.Female;
        var kappa = female ? 0.7 : 0.9;
        var alpha = female ? -0.241 : -0.302;
        var ratio = scr / kappa;
        var egfr = 142 * Math.Pow(Math.Min(ratio, 1), alpha) * Math.Pow(Math.Max(ratio, 1), -1.200) * Math.Pow(0.9938, (double)age) * (female ? 1.012 : 1);
        return double.IsFinite(egfr) ? egfr : null;
    }
}
