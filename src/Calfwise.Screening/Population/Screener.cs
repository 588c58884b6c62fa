using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Population;

/// <summary>Why a patient of the export was not screened.</summary>
public enum NotScreenedReason
{
    /// <summary>Rows refer to the patient but there is no Patient resource.</summary>
    NoPatientResource,
    Deceased,
    /// <summary>No gender (male or female) or no birth date: the ranges and rules depend on both.</summary>
    NoSexOrBirthDate,
    /// <summary>The case the record makes is not valid (a value out of range, an impossible age…).</summary>
    InvalidCase,
}

/// <summary>One patient's outcome: the hits, or why the patient could not be screened.</summary>
public sealed record ScreenedPatient(string PatientId, Sex? Sex, int? Age, IReadOnlyList<ScreeningHit> Hits, NotScreenedReason? NotScreened = null);

/// <summary>
/// Screens one patient record at a time on a given day (docs/screening.md): builds the case, lets the engine assess it
/// and applies <see cref="ScreeningRules"/> to the assessment and the record's dates. Thread-safe: one per job.
/// </summary>
public sealed partial class Screener(KnowledgeBase knowledge, DateOnly today)
{
    private readonly AssessmentEngine _engine = new(knowledge, new FixedDay(today));
    private readonly LabInterpreter _labs = new(knowledge);

    public DateOnly Today { get; } = today;

    public ScreenedPatient Screen(PatientRecord record)
    {
        int? age = record.BirthDate is { } birth ? CaseValidator.AgeOn(birth, Today) : null;
        ScreenedPatient Skip(NotScreenedReason why) => new(record.PatientId, record.Sex, age, [], why);
        if (!record.HasPatient)
        {
            return Skip(NotScreenedReason.NoPatientResource);
        }

        if (record.Deceased)
        {
            return Skip(NotScreenedReason.Deceased);
        }

        if (record.Sex is null || record.BirthDate is null)
        {
            return Skip(NotScreenedReason.NoSexOrBirthDate);
        }

        if (age is { } years && !CaseValidator.IsPossibleAge(years))
        {
            // The case's validation refuses it (born after the day, or over the oldest age): refused here too, so a
            // record with nothing to read counts as a record with labs only outside the window does.
            return Skip(NotScreenedReason.InvalidCase);
        }

        if (record.Labs.Count == 0 && record.Conditions.Count == 0 && record.Medications.Count == 0)
        {
            return new(record.PatientId, record.Sex, age, []); // nothing any rule reads
        }

        var latest = RecordCase.Latest(record.Labs, Today, _latest ??= []); // read only while the patient is screened
        var built = RecordCase.Build(record, Today, knowledge, latest);
        if (!built.IsSuccess)
        {
            return Skip(NotScreenedReason.InvalidCase);
        }

        var context = new PatientContext(record, latest, built.Value!, _engine.Assess(built.Value!));
        var hits = _hits ??= [];
        hits.Clear();
        RestlessLegs(context, hits);
        IronDeficiencyAnaemia(context, hits);
        Medicines(context, hits);
        CriticalLabs(context, hits);
        return new(record.PatientId, record.Sex, age, hits.Count == 0 ? [] : [.. hits]);
    }

    /// <summary>The latest labs of the patient being screened on this thread.</summary>
    [ThreadStatic]
    private static List<LabFact>? _latest;

    /// <summary>The hits of the patient being screened on this thread, copied out (most patients have none).</summary>
    [ThreadStatic]
    private static List<ScreeningHit>? _hits;

    /// <summary>The record, its case and the engine's assessment of it.</summary>
    /// <param name="Record">The patient's record.</param>
    /// <param name="Latest">The lab results the case was built from (the most recent of each analyte in the window).</param>
    /// <param name="Case">The validated case.</param>
    /// <param name="Assessment">The engine's assessment of it.</param>
    private sealed record PatientContext(PatientRecord Record, IReadOnlyList<LabFact> Latest, ValidatedCase Case, Assessment Assessment)
    {
        public LabFact? Lab(string analyte)
        {
            for (var i = 0; i < Latest.Count; i++)
            {
                if (Latest[i].Analyte == analyte)
                {
                    return Latest[i];
                }
            }

            return null;
        }

        /// <summary>The engine's reading of an analyte: the reported result, else one derived (TSAT from iron and TIBC); the first of each.</summary>
        public LabResult? Result(string analyte)
        {
            LabResult? derived = null;
            var labs = Assessment.Labs;
            for (var i = 0; i < labs.Count; i++)
            {
                if (labs[i].Analyte != analyte)
                {
                    continue;
                }

                if (!labs[i].Derived)
                {
                    return labs[i];
                }

                derived ??= labs[i];
            }

            return derived;
        }

        /// <summary>Whether the engine recommends <paramref name="id"/>.</summary>
        public bool Recommends(string id)
        {
            var recommendations = Assessment.Recommendations;
            var i = 0;
            while (i < recommendations.Count && recommendations[i].Id != id)
            {
                i++;
            }

            return i < recommendations.Count;
        }

        /// <summary>Whether an active condition of the record is <paramref name="condition"/> (what <see cref="Active"/> lists, found without a list).</summary>
        public bool HasActive(string condition)
        {
            foreach (var fact in Record.Conditions)
            {
                if (fact.Active && Contains(fact.Conditions, condition))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Contains(IReadOnlyList<string> ids, string id)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (ids[i] == id)
                {
                    return true;
                }
            }

            return false;
        }

        public IEnumerable<ConditionFact> Active(string condition) => Record.Conditions.Where(c => c.Active && c.Conditions.Contains(condition));

        public IEnumerable<MedicationFact> Taking(string medicationClass) => Record.Medications.Where(m => m.Active && m.Classes.Contains(medicationClass));

        /// <summary>A hit of <paramref name="rule"/>: its evidence held as strings, to outlive the buffers the record was read into.</summary>
        public ScreeningHit Hit(ScreeningRule rule, IEnumerable<Evidence> evidence, IEnumerable<string>? more = null) =>
            new(Record.PatientId, rule, evidence.Distinct().Select(e => e.Detached()).ToList(), rule.Sources.Concat(more ?? []).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>A clock that always reads midday of one day (the engine asks the clock only for the day).</summary>
    private sealed class FixedDay(DateOnly day) : TimeProvider
    {
        private readonly DateTimeOffset _now = new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
