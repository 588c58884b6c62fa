namespace Calfwise.Testing.Screening;

/// <summary>The hand-labelled export of <see cref="Scenarios"/>: five variants of each, with noise.</summary>
public static class LabelledExport
{
    public static readonly DateOnly AsOf = new(2026, 6, 30);

    public const int Variants = 5;

    /// <summary>Writes the export and returns the expected (patient, rule) rows, sorted.</summary>
    public static List<(string Patient, string Rule)> Write(string directory, bool gzip = false)
    {
        var export = new ExportWriter(AsOf);
        var expected = new List<(string, string)>();
        var n = 0;
        foreach (var (_, write) in Scenarios.All)
        {
            for (var variant = 0; variant < Variants; variant++)
            {
                var patient = $"p{++n:D4}";
                expected.AddRange(write(export, patient, variant).Select(rule => (patient, rule)));
                export.Noise(patient);
            }
        }

        export.WriteTo(directory, gzip);
        expected.Sort();
        return expected;
    }
}
