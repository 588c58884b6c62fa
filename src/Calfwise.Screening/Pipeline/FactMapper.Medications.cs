using Calfwise.Core.Knowledge;
using Calfwise.Screening.Population;
using CodeSystem = Calfwise.Core.Knowledge.CodeSystem;

namespace Calfwise.Screening.Pipeline;

public sealed partial class FactMapper
{
    private static readonly char[] WordBreaks = [' ', ',', '/', '(', ')', '-'];

    /// <summary>
    /// A MedicationRequest (<paramref name="statement"/> false) or MedicationStatement: its classes from ATC or RxNorm
    /// codes, or a drug name the knowledge base knows in its text or display. Stopped and completed ones are kept
    /// (screening asks whether iron was ever given after a result), as not active.
    /// </summary>
    public Mapped Medication(ViewRows view, bool statement)
    {
        const int row = 0;
        if (view.Text(row, "patient_id") is not { } patient)
        {
            return Mapped.Skip(SkipReason.NoPatient);
        }

        var status = view.Text(row, "status");
        if (status is null or "entered-in-error" or "cancelled" or "draft" or "not-taken" or "unknown")
        {
            return Mapped.Skip(SkipReason.Status);
        }

        var name = Enumerable.Range(0, view.Count).SelectMany(r => new[] { view.Text(r, "medication_text"), view.Text(r, "display") }).OfType<string>().Select(KnownName).FirstOrDefault(n => n is not null);
        var classes = new List<string>();
        for (var coding = 0; coding < view.Count; coding++)
        {
            if (CodeSystems.FromUri(view.Text(coding, "code_system")) is { } system and (CodeSystem.Atc or CodeSystem.RxNorm) && view.Text(coding, "code") is { } code)
            {
                classes.AddRange(knowledge.Codes.Find(CodeTarget.MedicationClass, system, code));
            }
        }

        if (name is not null && knowledge.DrugClasses.TryGetValue(name, out var named))
        {
            classes.AddRange(named.Select(c => c.Id));
        }

        classes = classes.Distinct(StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
        {
            return Mapped.Skip(SkipReason.NotBound);
        }

        name ??= knowledge.MedicationClassesById[classes[0]].Drugs is [var first, ..] ? first : classes[0];
        var day = statement
            ? view.Day(row, "effective_date_time") ?? view.Day(row, "effective_period_start") ?? view.Day(row, "date_asserted")
            : view.Day(row, "authored_on");
        var active = statement ? status is "active" or "intended" : status is "active";
        var resource = statement ? "MedicationStatement" : "MedicationRequest";
        return new(patient, new MedicationFact(name, classes, active, new Evidence($"{resource}/{view.Text(row, "id")}", day)), null);
    }

    /// <summary>A drug name the knowledge base knows: the whole text, or one of its words ("Ropinirole 0.25 MG Oral Tablet").</summary>
    private string? KnownName(string text)
    {
        var trimmed = text.Trim();
        if (knowledge.DrugClasses.ContainsKey(trimmed))
        {
            return trimmed.ToLowerInvariant();
        }

        return trimmed.Split(WordBreaks, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => knowledge.DrugClasses.ContainsKey(w))?.ToLowerInvariant();
    }
}
