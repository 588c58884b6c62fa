using System.Globalization;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Hl7.Fhir.Model;

namespace Calfwise.Fhir;

public sealed partial class FhirAssessmentWriter
{
    /// <summary>A lab as read: LOINC code, the value in its canonical UCUM unit, the range used and the interpretation from the status.</summary>
    private Observation LabObservation(WriteContext context, LabResult lab, ResourceReference patient)
    {
        var analyte = knowledge.AnalytesById[lab.Analyte];
        var unit = FhirSystems.ToUcum(lab.CanonicalUnit);
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(FhirSystems.ObservationCategory, "laboratory", "Laboratory", null)],
            Code = new CodeableConcept("http://loinc.org", lab.Loinc, lab.Name, lab.Name),
            Subject = patient,
            Value = Quantity(lab.CanonicalValue, unit, lab.CanonicalUnit),
        };
        // A computed value is as recent as the newest result it can come from.
        var date = lab.Derived ? context.Input.Labs.Max(l => l.Date) : context.Input.Lab(lab.Analyte)?.Date;
        if (date is { } day)
        {
            observation.Effective = new FhirDateTime(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (Interpretation(analyte, lab, context.Input.IsPregnant) is { } code)
        {
            observation.Interpretation = [new CodeableConcept(FhirSystems.Interpretation, code.Code, code.Display, null)];
        }

        if (lab.Low is not null || lab.High is not null)
        {
            observation.ReferenceRange =
            [
                new Observation.ReferenceRangeComponent
                {
                    Low = lab.Low is { } low ? Quantity(low, unit) : null,
                    High = lab.High is { } high ? Quantity(high, unit) : null,
                    Text = lab.RangeSource is null ? null : $"Range for this person from {Citation(lab.RangeSource)}",
                },
            ];
        }

        var notes = new[] { lab.Derived ? "Computed by Calfwise from the other results." : null, lab.Note }.OfType<string>();
        observation.Note = notes.Select(n => new Annotation { Text = n }).ToList();
        return observation;
    }

    /// <summary>
    /// L or H beside the range used, LL or HH for a value beyond a critical limit (the side of the limit it crossed),
    /// N within the range; none when no range applies to this person.
    /// </summary>
    internal static (string Code, string Display)? Interpretation(Analyte analyte, LabResult lab, bool pregnant) => lab.Status switch
    {
        LabStatus.Low => ("L", "Low"),
        LabStatus.High => ("H", "High"),
        LabStatus.Normal => ("N", "Normal"),
        LabStatus.Critical => analyte.Critical.Where(c => c.MarksCritical && c.IsCrossedBy(lab.CanonicalValue, pregnant))
            .Any(c => c.Comparison is Comparison.Below or Comparison.AtMost) ? ("LL", "Critical low") : ("HH", "Critical high"),
        _ => null,
    };

    /// <summary>A UCUM quantity; <paramref name="shown"/> is the unit as people read it (µg/L for ug/L).</summary>
    private static Quantity Quantity(decimal value, string ucum, string? shown = null) => new()
    {
        Value = value,
        Unit = shown ?? ucum,
        System = FhirSystems.Ucum,
        Code = ucum,
    };

    private string Citation(string sourceId) =>
        knowledge.Sources.TryGetValue(sourceId, out var source) ? $"{source.Citation} {source.Url}" : sourceId;
}
