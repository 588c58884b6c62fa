using System.Globalization;
using System.Text;

namespace Calfwise.Core.Knowledge;

/// <summary>Lists every grade D estimate (priors and likelihood ratios) as a Markdown table for docs/knowledge.md.</summary>
public static class EstimateReport
{
    public const string StartMarker = "<!-- estimates:start -->";
    public const string EndMarker = "<!-- estimates:end -->";

    public static string Markdown(KnowledgeBase knowledge)
    {
        var builder = new StringBuilder();
        builder.AppendLine("| file | what | value | source | reasoning |");
        builder.AppendLine("|---|---|---|---|---|");
        foreach (var condition in knowledge.Conditions)
        {
            if (condition.PriorGrade == EvidenceGrade.D)
            {
                Row(builder, condition.Location, $"prior of `{condition.Id}`", Number(condition.Prior), condition.PriorSourceId, condition.PriorReason);
            }

            foreach (var finding in condition.Findings.Where(f => f.Grade == EvidenceGrade.D))
            {
                var value = string.Join(" / ", new[] { finding.Present is { } p ? $"yes ×{Number(p)}" : null, finding.Absent is { } a ? $"no ×{Number(a)}" : null }.OfType<string>());
                Row(builder, finding.Location, $"`{finding.FindingId}` for `{condition.Id}`", value, finding.SourceId, finding.Reason);
            }

            foreach (var band in condition.Labs.Where(l => l.Grade == EvidenceGrade.D))
            {
                var range = (band.From, band.Below) switch
                {
                    (null, { } below) => $"< {below}",
                    ({ } from, null) => $"≥ {from}",
                    ({ } from, { } below) => $"{from} to < {below}",
                    _ => "",
                };
                var inflammation = band.Inflammation == InflammationFilter.Any ? "" : $", inflammation {band.Inflammation.ToString().ToLowerInvariant()}";
                Row(builder, band.Location, $"`{band.AnalyteId}` {range}{inflammation} for `{condition.Id}`", "×" + Number(band.Lr), band.SourceId, band.Reason);
            }
        }

        foreach (var medicationClass in knowledge.MedicationClasses)
        {
            foreach (var effect in medicationClass.Effects.Where(e => e.Grade == EvidenceGrade.D))
            {
                Row(builder, effect.Location, $"`{medicationClass.Id}` for `{effect.ConditionId}`", "×" + Number(effect.Lr), effect.SourceId, null);
            }
        }

        return builder.ToString();
    }

    private static void Row(StringBuilder builder, SourceLocation at, string what, string value, string source, string? reason) =>
        builder.AppendLine(CultureInfo.InvariantCulture, $"| {at.File} | {what} | {value} | `{source}` | {(reason ?? "judged from the source's description of the association").Replace("|", "/", StringComparison.Ordinal)} |");

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
