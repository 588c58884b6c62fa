using System.Globalization;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;

namespace Calfwise.Core.Cases;

/// <summary>
/// Checks a case against the knowledge base (ids, units, bounds, ages, dates and instrument scores) and turns it into
/// a <see cref="ValidatedCase"/>: the one place a case is checked, its labs converted and its inflammation read.
/// </summary>
public static partial class CaseValidator
{
    public const decimal MaxAge = 120;

    /// <summary>How far a given age may be from the age the birth date gives (a rounded or remembered age).</summary>
    public const decimal AgeTolerance = 1;

    /// <summary>Validates on the current day of <paramref name="time"/> (birth dates and lab dates are checked against it).</summary>
    public static Result<ValidatedCase> Validate(PatientCase input, KnowledgeBase knowledge, TimeProvider time) =>
        Validate(input, knowledge, Today(time));

    /// <summary>The day it is for <paramref name="time"/>, in its local time zone.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public static Result<ValidatedCase> Validate(PatientCase input, KnowledgeBase knowledge, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!CaseLimits.Within(input) && CaseLimits.Check(input) is { Count: > 0 } tooLarge)
        {
            return Result.Failure<ValidatedCase>(CaseLimits.Capped(tooLarge));
        }

        var errors = new InputErrors();
        var age = Age(input, today, ref errors);
        if (input.Pregnant == true && input.Sex == Sex.Male)
        {
            errors.Add(new("pregnant", "can only be true when sex is female"));
        }

        if (input.Trimester is { } trimester && (trimester is < 1 or > 3 || input.Pregnant != true))
        {
            errors.Add(new("trimester", $"must be 1, 2 or 3, and only with pregnant: true (got {trimester})"));
        }

        if (!CaseKeys.All(input.Findings, knowledge.FindingsById, static (id, known) => known.ContainsKey(id)))
        {
            CheckFindings(input.Findings.Keys, knowledge, ref errors);
        }

        if (!CaseKeys.All(input.DontKnow, knowledge.FindingsById, static (id, known) => known.ContainsKey(id)))
        {
            CheckFindings(input.DontKnow, knowledge, ref errors);
        }

        if (input.LabsUnavailable.Count > 0)
        {
            var requests = knowledge.Interview.LabRequests.Select(r => r.Id).ToList();
            foreach (var id in input.LabsUnavailable.Where(id => !requests.Contains(id)))
            {
                errors.Add(new("labsUnavailable", UnknownId("lab request", id, requests) + $"; accepted: {string.Join(", ", requests)}"));
            }
        }

        var labs = Labs(input, knowledge, today, ref errors);
        if (Canonical(labs, AnalyteIds.Iron) is { } iron && Canonical(labs, AnalyteIds.Tibc) is { } tibc && iron > tibc)
        {
            errors.Add(new("labs", $"serum iron ({iron} µmol/L) cannot be higher than TIBC ({tibc} µmol/L); check the values and units"));
        }

        CheckIrls(input, knowledge, ref errors);
        if (errors.Count > 0)
        {
            return Result.Failure<ValidatedCase>(CaseLimits.Capped(errors.All));
        }

        return Result.Success(new ValidatedCase(knowledge, input, age, labs, Inflammation(labs, knowledge), input.Medications.Count == 0 ? [] : Classes(input, knowledge), UnknownMedications(input, knowledge)));
    }

    /// <summary>Whether an age in years is one the engine reads: from 0 to <see cref="MaxAge"/>.</summary>
    public static bool IsPossibleAge(decimal age) => age is >= 0 and <= MaxAge;

    /// <summary>The age in whole years completed on <paramref name="today"/> of someone born on <paramref name="birthDate"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly today)
    {
        var years = today.Year - birthDate.Year;
        return birthDate.AddYears(years) > today ? years - 1 : years;
    }

    /// <summary>The age the engine uses: from the birth date when one is given, checked against the age given.</summary>
    private static decimal Age(PatientCase input, DateOnly today, ref InputErrors errors)
    {
        if (!IsPossibleAge(input.Age))
        {
            errors.Add(new("age", $"must be a number of years from 0 to {MaxAge}, not {input.Age}"));
        }

        if (input.BirthDate is not { } birth)
        {
            return input.Age;
        }

        if (birth > today)
        {
            errors.Add(new("birthDate", $"must not be in the future ({Iso(birth)} is after today, {Iso(today)})"));
            return input.Age;
        }

        var years = AgeOn(birth, today);
        if (years > MaxAge)
        {
            errors.Add(new("birthDate", $"{Iso(birth)} gives an age of {years}, more than {MaxAge} years; check the year"));
        }
        else if (Math.Abs(input.Age - years) > AgeTolerance)
        {
            errors.Add(new("birthDate", $"{Iso(birth)} gives an age of {years} today ({Iso(today)}), but age is {input.Age}; correct one of them"));
        }

        return years;
    }

    private static List<ValidLab> Labs(PatientCase input, KnowledgeBase knowledge, DateOnly today, ref InputErrors errors)
    {
        var labs = new List<ValidLab>(input.Labs.Count);
        for (var i = 0; i < input.Labs.Count; i++)
        {
            var lab = input.Labs[i];
            var field = new LabField(i);
            if (!knowledge.AnalytesById.TryGetValue(lab.Analyte, out var analyte))
            {
                errors.Add(new($"{field}.analyte", UnknownId("analyte", lab.Analyte, knowledge.AnalytesById.Keys)));
                continue;
            }

            if (GivenBefore(input.Labs, i))
            {
                errors.Add(new($"{field}.analyte", $"'{analyte.Id}' is given more than once; give each analyte once (the most recent result)"));
            }

            if (lab.Date is { } date && date > today)
            {
                errors.Add(new($"{field}.date", $"must not be after today ({Iso(date)} is after {Iso(today)})"));
            }
            else if (lab.Date is { } sampled && input.BirthDate is { } born && sampled < born)
            {
                errors.Add(new($"{field}.date", $"must not be before the birth date ({Iso(sampled)} is before {Iso(born)})"));
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

            var canonical = ToCanonical(unit, lab.Value) ?? decimal.MaxValue;
            if (canonical < analyte.MinPossible || canonical > analyte.MaxPossible)
            {
                errors.Add(new($"{field}.value", $"{lab.Value} {lab.Unit} is outside what is physiologically possible for {analyte.Id} ({Bound(analyte.MinPossible, unit)} to {Bound(analyte.MaxPossible, unit)} {lab.Unit}); check the value and the unit{LikelyUnit(analyte, unit, lab.Value)}"));
                continue;
            }

            labs.Add(new ValidLab(analyte, new Quantity(lab.Value, unit), new Quantity(canonical, analyte.Canonical), lab.Date));
        }

        return labs;
    }

    /// <summary>Whether the analyte of the lab at <paramref name="index"/> (one of the knowledge base, keyed by its exact id) was given before it.</summary>
    private static bool GivenBefore(IReadOnlyList<LabInput> labs, int index)
    {
        var analyte = labs[index].Analyte;
        for (var i = 0; i < index; i++)
        {
            if (string.Equals(labs[i].Analyte, analyte, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckFindings(IEnumerable<string> ids, KnowledgeBase knowledge, ref InputErrors errors)
    {
        foreach (var id in ids)
        {
            if (!knowledge.FindingsById.ContainsKey(id))
            {
                errors.Add(new($"findings.{CaseLimits.Echo(id)}", UnknownId("finding", id, knowledge.FindingsById.Keys)));
            }
        }
    }

    private static void CheckIrls(PatientCase input, KnowledgeBase knowledge, ref InputErrors errors)
    {
        if (input.Irls is not { } irls)
        {
            return;
        }

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

    /// <summary>Inflammation is a CRP above <c>crp-inflammation</c>, read once here for the whole assessment.</summary>
    private static bool? Inflammation(List<ValidLab> labs, KnowledgeBase knowledge) =>
        Find(labs, AnalyteIds.Crp) is { } crp
            ? decimal.Round(crp.Canonical.Value, 6) > knowledge.Threshold("crp-inflammation").Value
            : null;

    private static decimal? Canonical(List<ValidLab> labs, string analyteId) =>
        Find(labs, analyteId) is { } lab ? decimal.Round(lab.Canonical.Value, 4) : null;

    private static ValidLab? Find(List<ValidLab> labs, string analyteId)
    {
        foreach (var lab in labs)
        {
            if (lab.Analyte.Id == analyteId)
            {
                return lab;
            }
        }

        return null;
    }

    private static decimal? ToCanonical(LabUnit unit, decimal value)
    {
        try
        {
            return unit.ToCanonical(value);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>An impossible value is almost always a unit mistake: name the accepted unit that would make it possible.</summary>
    private static string LikelyUnit(Analyte analyte, LabUnit given, decimal value)
    {
        foreach (var unit in analyte.AllUnits.Where(u => u != given))
        {
            if (ToCanonical(unit, value) is { } canonical && canonical >= analyte.MinPossible && canonical <= analyte.MaxPossible)
            {
                return $"; {value} is possible in {UnitText.Display(unit.Code)}: was the result in {UnitText.Display(unit.Code)}?";
            }
        }

        return "";
    }

    private static decimal Bound(decimal canonical, LabUnit unit) => decimal.Round(unit.FromCanonical(canonical), 4).Normalize();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string UnknownId(string kind, string id, IEnumerable<string> known) =>
        $"unknown {kind} id '{CaseLimits.Echo(id)}'{(id.Length <= CaseLimits.MaxSuggestionLength ? Spelling.DidYouMean(id, known) : "")}";

    /// <summary>Drops trailing zeros (100.0000 becomes 100) so bounds read naturally in messages.</summary>
    private static decimal Normalize(this decimal value) => value / 1.000000000000000000000000000000000m;
}

/// <summary>The field name of the i-th lab (<c>labs[i]</c>), made into a string only for an error.</summary>
internal readonly record struct LabField(int Index)
{
    public override string ToString() => $"labs[{Index}]";
}
