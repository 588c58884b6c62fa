using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;

namespace Calfwise.Core.Cases;

/// <summary>Checks a case against the knowledge base: ids, units, bounds, ages and instrument scores.</summary>
public static class CaseValidator
{
    public const decimal MaxAge = 120;

    public static IReadOnlyList<InputError> Validate(PatientCase input, KnowledgeBase knowledge)
    {
        var errors = new List<InputError>();
        if (input.Age is < 0 or > MaxAge)
        {
            errors.Add(new("age", $"must be a number of years from 0 to {MaxAge}, not {input.Age}"));
        }

        if (input.Pregnant == true && input.Sex == Sex.Male)
        {
            errors.Add(new("pregnant", "can only be true when sex is female"));
        }

        if (input.Trimester is { } trimester && (trimester is < 1 or > 3 || input.Pregnant != true))
        {
            errors.Add(new("trimester", $"must be 1, 2 or 3, and only with pregnant: true (got {trimester})"));
        }

        foreach (var id in input.Findings.Keys.Where(id => !knowledge.FindingsById.ContainsKey(id)))
        {
            errors.Add(new($"findings.{id}", UnknownId("finding", id, knowledge.FindingsById.Keys)));
        }

        foreach (var id in input.DontKnow.Where(id => !knowledge.FindingsById.ContainsKey(id)))
        {
            errors.Add(new($"findings.{id}", UnknownId("finding", id, knowledge.FindingsById.Keys)));
        }

        var requests = knowledge.Interview.LabRequests.Select(r => r.Id).ToList();
        foreach (var id in input.LabsUnavailable.Where(id => !requests.Contains(id)))
        {
            errors.Add(new("labsUnavailable", UnknownId("lab request", id, requests) + $"; accepted: {string.Join(", ", requests)}"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input.Labs.Count; i++)
        {
            var lab = input.Labs[i];
            var field = $"labs[{i}]";
            if (!knowledge.AnalytesById.TryGetValue(lab.Analyte, out var analyte))
            {
                errors.Add(new($"{field}.analyte", UnknownId("analyte", lab.Analyte, knowledge.AnalytesById.Keys)));
                continue;
            }

            if (!seen.Add(analyte.Id))
            {
                errors.Add(new($"{field}.analyte", $"'{analyte.Id}' is given more than once; give each analyte once (the most recent result)"));
            }

            if (UnitConverter.Find(analyte, lab.Unit) is not { } unit)
            {
                errors.Add(new($"{field}.unit", $"'{lab.Unit}' is not an accepted unit for {analyte.Id}; accepted: {UnitConverter.AcceptedUnits(analyte)}"));
                continue;
            }

            if (lab.Value < 0)
            {
                errors.Add(new($"{field}.value", $"must not be negative ({lab.Value} {lab.Unit})"));
                continue;
            }

            decimal canonical;
            try
            {
                canonical = unit.ToCanonical(lab.Value);
            }
            catch (OverflowException)
            {
                canonical = decimal.MaxValue;
            }

            if (canonical < analyte.MinPossible || canonical > analyte.MaxPossible)
            {
                errors.Add(new($"{field}.value", $"{lab.Value} {lab.Unit} is outside what is physiologically possible for {analyte.Id} ({Bound(analyte.MinPossible, unit)} to {Bound(analyte.MaxPossible, unit)} {lab.Unit}); check the value and the unit{LikelyUnit(analyte, unit, lab.Value)}"));
            }
        }

        if (Canonical(input, knowledge, "iron") is { } iron && Canonical(input, knowledge, "tibc") is { } tibc && iron > tibc)
        {
            errors.Add(new("labs", $"serum iron ({iron} µmol/L) cannot be higher than TIBC ({tibc} µmol/L); check the values and units"));
        }

        if (input.Irls is { } irls)
        {
            var scale = knowledge.Rls;
            if (irls.Count != scale.ItemCount)
            {
                errors.Add(new("instruments.irls", $"must have exactly {scale.ItemCount} item scores, not {irls.Count}"));
            }

            for (var i = 0; i < irls.Count; i++)
            {
                if (irls[i] < 0 || irls[i] > scale.MaxItemScore)
                {
                    errors.Add(new($"instruments.irls[{i}]", $"must be a whole number from 0 to {scale.MaxItemScore}, not {irls[i]}"));
                }
            }
        }

        return errors;
    }

    private static decimal? Canonical(PatientCase input, KnowledgeBase knowledge, string analyteId)
    {
        var lab = input.Labs.FirstOrDefault(l => l.Analyte == analyteId);
        if (lab is null || !knowledge.AnalytesById.TryGetValue(analyteId, out var analyte) || UnitConverter.Find(analyte, lab.Unit) is not { } unit)
        {
            return null;
        }

        try
        {
            return decimal.Round(unit.ToCanonical(lab.Value), 4);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Medication names that are in no class of the knowledge base: kept, and reported as warnings.</summary>
    public static IReadOnlyList<string> UnknownMedications(PatientCase input, KnowledgeBase knowledge) =>
        input.Medications.Where(m => !knowledge.DrugClasses.ContainsKey(m.Trim())).ToList();

    /// <summary>An impossible value is almost always a unit mistake: name the accepted unit that would make it possible.</summary>
    private static string LikelyUnit(Analyte analyte, LabUnit given, decimal value)
    {
        foreach (var unit in analyte.AllUnits.Where(u => u != given))
        {
            decimal canonical;
            try
            {
                canonical = unit.ToCanonical(value);
            }
            catch (OverflowException)
            {
                continue;
            }

            if (canonical >= analyte.MinPossible && canonical <= analyte.MaxPossible)
            {
                return $"; {value} is possible in {UnitText.Display(unit.Code)}: was the result in {UnitText.Display(unit.Code)}?";
            }
        }

        return "";
    }

    private static decimal Bound(decimal canonical, LabUnit unit) => decimal.Round(unit.FromCanonical(canonical), 4).Normalize();

    internal static string UnknownId(string kind, string id, IEnumerable<string> known)
    {
        var close = Spelling.Closest(id, known, 3);
        return close.Count == 0
            ? $"unknown {kind} id '{id}'"
            : $"unknown {kind} id '{id}'; did you mean {string.Join(", ", close.Select(c => $"'{c}'"))}?";
    }

    /// <summary>Drops trailing zeros (100.0000 becomes 100) so bounds read naturally in messages.</summary>
    private static decimal Normalize(this decimal value) => value / 1.000000000000000000000000000000000m;
}
