namespace Calfwise.Core.Labs;

/// <summary>
/// The analytes the engine reads by name (iron plan, anaemia, inflammation, kidney function, and the salts population screening reads). The knowledge base
/// must define each one: the loader rejects a knowledge base without them, so the engine can rely on them.
/// </summary>
public static class AnalyteIds
{
    public const string Ferritin = "ferritin";
    public const string TransferrinSaturation = "transferrin-saturation";
    public const string Iron = "iron";
    public const string Tibc = "tibc";
    public const string Hemoglobin = "hemoglobin";
    public const string Crp = "crp";
    public const string Creatinine = "creatinine";
    public const string Potassium = "potassium";
    public const string Magnesium = "magnesium";

    /// <summary>Every analyte above: what a knowledge base must define.</summary>
    public static IReadOnlyList<string> Required { get; } = [Ferritin, TransferrinSaturation, Iron, Tibc, Hemoglobin, Crp, Creatinine, Potassium, Magnesium];
}
