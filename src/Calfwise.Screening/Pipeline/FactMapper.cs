using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Pipeline;

/// <summary>Why a resource of the export did not become a fact (counted in the summary, never silently lost).</summary>
public enum SkipReason
{
    /// <summary>No code the knowledge base binds (most Observations of a real export: vital signs, surveys…).</summary>
    NotBound,
    /// <summary>A status that means it did not happen or is not a result (cancelled, entered in error, registered…).</summary>
    Status,
    /// <summary>A lab without an exact valueQuantity (missing, or a bound such as &lt; 5).</summary>
    NoValue,
    /// <summary>A unit the analyte does not accept.</summary>
    Unit,
    /// <summary>No day (effective, issued, authored, performed): its age cannot be checked.</summary>
    NoDate,
    /// <summary>No patient reference.</summary>
    NoPatient,
    /// <summary>
    /// A lab dated outside the year before the day of screening (or after it), which no rule reads: left out by the
    /// scan, unparsed when its line shows it for certain (<see cref="LabWindowPrefilter"/>).
    /// </summary>
    OutsideLabWindow,
}

/// <summary>What each <see cref="SkipReason"/> means, in the words summary.html shows beside its count.</summary>
public static class SkipReasons
{
    public static string Describe(SkipReason reason) => reason switch
    {
        SkipReason.NotBound => "no code the knowledge base reads",
        SkipReason.Status => "a status that does not count (a lab not final, amended, corrected or preliminary; a condition entered in error or refuted; a procedure not completed)",
        SkipReason.NoValue => "no exact quantity (missing, or a bound such as < 5)",
        SkipReason.Unit => "a unit the analyte does not accept",
        SkipReason.NoDate => "no date, so its age cannot be checked",
        SkipReason.NoPatient => "no patient reference",
        SkipReason.OutsideLabWindow => "a lab dated outside the year before the day of screening, which no rule reads",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>The description of a count's key (<c>Observation/NotBound</c>), or null when its reason is not one of these.</summary>
    public static string? DescribeKey(string key) =>
        key.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 && Enum.TryParse<SkipReason>(key.AsSpan(slash + 1), out var reason)
            && Enum.IsDefined(reason) ? Describe(reason) : null;
}

/// <summary>
/// Turns the rows the views made of one resource into a fact of a patient's record, with the knowledge base's codes
/// (docs/screening.md, "From rows to a case"): the same reading the FHIR reader gives one person's resources.
/// </summary>
public sealed partial class FactMapper(KnowledgeBase knowledge)
{
    /// <summary>The analytes of the LOINC codes the knowledge base binds, by <see cref="LoincCodes.Key"/> (null: a code bound to several).</summary>
    private readonly Dictionary<long, Analyte?> _analytesByLoincKey = knowledge.Codes.Bindings
        .Where(b => b.Target == CodeTarget.Analyte && b.System == CodeSystem.Loinc && LoincCodes.IsShaped(b.Code))
        .Select(b => b.Code).Distinct()
        .ToDictionary(c => LoincCodes.TryKey(System.Text.Encoding.ASCII.GetBytes(c), out var key) ? key : 0, knowledge.Codes.AnalyteByLoinc);

    /// <summary>Whether a result's status (its UTF-8; empty when it has none) makes it a result to read.</summary>
    private static bool Usable(ReadOnlySpan<byte> status) =>
        status.SequenceEqual("final"u8) || status.SequenceEqual("amended"u8) || status.SequenceEqual("corrected"u8) || status.SequenceEqual("preliminary"u8);
    private static readonly HashSet<string> HoldingConditions = ["active", "recurrence", "relapse"];

    /// <summary>What an Observation says of a lab result the knowledge base reads.</summary>
    public readonly record struct LabReading(Analyte Analyte, decimal Value, LabUnit Unit, DateOnly Day);

    /// <summary>A fact and whose it is, or why there is none.</summary>
    public readonly record struct Mapped(string? PatientId, object? Fact, SkipReason? Skipped)
    {
        public static Mapped Skip(SkipReason reason) => new(null, null, reason);
    }

    public static Mapped Patient(ViewRows view)
    {
        const int row = 0;
        if (view.Text(row, "id") is not { } id)
        {
            return Mapped.Skip(SkipReason.NoPatient);
        }

        Sex? sex = view.Text(row, "gender") switch { "male" => Sex.Male, "female" => Sex.Female, _ => null };
        var birth = BirthDate(view.Text(row, "birth_date"));
        var deceased = view.Flag(row, "deceased") == true || view.Text(row, "deceased_date_time") is not null;
        return new(id, new PatientFact(sex, birth?.Date, birth?.Exact ?? false, deceased), null);
    }

    public Mapped Observation(ViewRows view) => ReadLab(view, out var lab) is { } why
        ? Mapped.Skip(why)
        : new(view.Text(0, "patient_id"), new LabFact(lab.Analyte.Id, lab.Value, lab.Unit.Code, new Evidence($"Observation/{view.Text(0, "id")}", lab.Day)), null);

    /// <summary>
    /// The lab result an Observation's rows give (one row per LOINC coding), or why they give none: the one reading of
    /// an Observation, whether its fact is then made as an object (<see cref="Observation"/>) or written straight from
    /// the line's bytes (<see cref="ScanStep"/>).
    /// </summary>
    public SkipReason? ReadLab(ViewRows view, out LabReading lab)
    {
        lab = default;
        if (!view.Has(0, "patient_id"))
        {
            return SkipReason.NoPatient;
        }

        Analyte? analyte = null;
        for (var coding = 0; coding < view.Count && analyte is null; coding++)
        {
            analyte = LoincCodes.TryKey(view.Utf8(coding, "loinc_code"), out var key)
                ? _analytesByLoincKey.GetValueOrDefault(key)
                : view.Text(coding, "loinc_code") is { } code ? knowledge.Codes.AnalyteByLoinc(code) : null;
        }

        if (analyte is null)
        {
            return SkipReason.NotBound;
        }

        if (!Usable(view.Utf8(0, "status")))
        {
            return SkipReason.Status;
        }

        if (view.Number(0, "value") is not { } value || view.Has(0, "comparator"))
        {
            return SkipReason.NoValue;
        }

        var written = view.Is(0, "unit_system", "http://unitsofmeasure.org"u8) && view.Text(0, "ucum_code") is { } ucum ? ucum : view.Text(0, "unit");
        if (UnitConverter.FromUcum(analyte, written) is not { } unit)
        {
            return SkipReason.Unit;
        }

        if ((view.Day(0, "effective_date_time") ?? view.Day(0, "effective_period_start") ?? view.Day(0, "issued")) is not { } day)
        {
            return SkipReason.NoDate;
        }

        lab = new LabReading(analyte, value, unit, day);
        return null;
    }

    public Mapped Condition(ViewRows view)
    {
        const int row = 0;
        if (view.Text(row, "patient_id") is not { } patient)
        {
            return Mapped.Skip(SkipReason.NoPatient);
        }

        var conditions = new List<string>();
        var findings = new List<string>();
        var pregnant = false;
        for (var coding = 0; coding < view.Count; coding++)
        {
            if (CodeSystems.FromUri(view.Text(coding, "code_system")) is { } system && view.Text(coding, "code") is { } code)
            {
                conditions.AddRange(knowledge.Codes.Find(CodeTarget.Condition, system, code));
                findings.AddRange(knowledge.Codes.Find(CodeTarget.Finding, system, code));
                pregnant |= knowledge.Codes.Find(CodeTarget.Person, system, code).Contains("pregnant");
            }
        }

        if (conditions.Count == 0 && findings.Count == 0 && !pregnant)
        {
            return Mapped.Skip(SkipReason.NotBound);
        }

        var verification = view.Text(row, "verification_status");
        if (verification is "entered-in-error" or "refuted")
        {
            return Mapped.Skip(SkipReason.Status);
        }

        var clinical = view.Text(row, "clinical_status");
        var active = (clinical is null || HoldingConditions.Contains(clinical)) && (verification is null or "confirmed");
        var day = view.Day(row, "onset_date_time") ?? view.Day(row, "onset_period_start") ?? view.Day(row, "recorded_date");
        return new(patient, new ConditionFact(conditions.Distinct().ToList(), findings.Distinct().ToList(), pregnant, active, new Evidence($"Condition/{view.Text(row, "id")}", day)), null);
    }

    public Mapped Procedure(ViewRows view)
    {
        const int row = 0;
        if (view.Text(row, "patient_id") is not { } patient)
        {
            return Mapped.Skip(SkipReason.NoPatient);
        }

        var kinds = Enumerable.Range(0, view.Count).SelectMany(c => CodeSystems.FromUri(view.Text(c, "code_system")) is { } system && view.Text(c, "code") is { } code
            ? knowledge.Codes.Find(CodeTarget.Procedure, system, code) : []).Distinct().ToList();
        if (kinds.Count == 0)
        {
            return Mapped.Skip(SkipReason.NotBound);
        }

        // Only a procedure that was done counts as a GI investigation on record (not-done, stopped or planned ones do not).
        if (view.Text(row, "status") != "completed")
        {
            return Mapped.Skip(SkipReason.Status);
        }

        var day = view.Day(row, "performed_date_time") ?? view.Day(row, "performed_period_start");
        return new(patient, new ProcedureFact(kinds[0], new Evidence($"Procedure/{view.Text(row, "id")}", day)), null);
    }

    /// <summary>A FHIR date; a year or a month is read as the middle of its span and is not exact.</summary>
    internal static (DateOnly Date, bool Exact)? BirthDate(string? value)
    {
        if (value is null || value.Length < 4 || !int.TryParse(value.AsSpan(0, 4), out var year) || year < 1)
        {
            return null;
        }

        if (value.Length == 4)
        {
            return (new DateOnly(year, 7, 1), false);
        }

        if (value.Length == 7 && int.TryParse(value.AsSpan(5, 2), out var month) && month is >= 1 and <= 12)
        {
            return (new DateOnly(year, month, 15), false);
        }

        return value.Length >= 10 && DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", out var day) ? (day, true) : null;
    }
}
