using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Population;

/// <summary>
/// A lab result of an analyte the knowledge base reads, in the unit it was reported in. Facts are values held in their
/// record's lists, not an object each (some 530,000 labs at 20,000 patients, which the collector copied while a bucket
/// was gathered).
/// </summary>
/// <param name="Analyte">The knowledge base's analyte id (from the Observation's LOINC code).</param>
/// <param name="Value">The value as reported.</param>
/// <param name="Unit">The knowledge base's unit code (from the UCUM code).</param>
/// <param name="Source">The Observation and its day.</param>
public readonly record struct LabFact(string Analyte, decimal Value, string Unit, Evidence Source)
{
    public DateOnly Date => Source.Date ?? DateOnly.MinValue;
}

/// <summary>A coded condition the knowledge base binds: to a condition of the differential, a finding or a fact about the person.</summary>
/// <param name="Conditions">Ids of the differential's conditions the code means (restless-legs, iron-deficiency…).</param>
/// <param name="Findings">Finding ids the code answers yes (previous-dvt, on-dialysis…).</param>
/// <param name="Pregnant">Whether the code means a pregnancy.</param>
/// <param name="Active">Clinically active (or no status) and not refuted or entered in error.</param>
/// <param name="Source">The Condition and its onset (or recorded) day.</param>
public readonly record struct ConditionFact(IReadOnlyList<string> Conditions, IReadOnlyList<string> Findings, bool Pregnant, bool Active, Evidence Source);

/// <summary>A medicine ordered or taken, read as its knowledge base classes.</summary>
/// <param name="Name">The name the engine reads: a known drug name, or the class's first drug as a stand-in.</param>
/// <param name="Classes">The medication class ids.</param>
/// <param name="Active">An active order or statement (as opposed to stopped, completed or entered in error).</param>
/// <param name="Source">The MedicationRequest or MedicationStatement and the day it was written or started.</param>
public readonly record struct MedicationFact(string Name, IReadOnlyList<string> Classes, bool Active, Evidence Source);

/// <summary>A procedure of a kind screening looks for (a GI investigation), done on <see cref="Evidence.Date"/>.</summary>
public readonly record struct ProcedureFact(string Kind, Evidence Source);

/// <summary>
/// Everything screening read about one patient from a bulk export: who they are, and the facts of their record the
/// knowledge base can read. What it could not read is counted, not kept.
/// </summary>
public sealed class PatientRecord(string patientId)
{
    /// <summary>The Patient resource's id (references to it are <c>Patient/{id}</c>).</summary>
    public string PatientId { get; private set; } = patientId;

    public Sex? Sex { get; set; }

    public DateOnly? BirthDate { get; set; }

    /// <summary>Whether the birth date was written to the day (a year or a month is read as its middle).</summary>
    public bool BirthDateExact { get; set; }

    public bool Deceased { get; set; }

    /// <summary>Whether a Patient resource was read (rows about a patient missing from Patient.ndjson are not screened).</summary>
    public bool HasPatient { get; set; }

    public List<LabFact> Labs { get; } = [];

    public List<ConditionFact> Conditions { get; } = [];

    public List<MedicationFact> Medications { get; } = [];

    public List<ProcedureFact> Procedures { get; } = [];

    /// <summary>How many labs the reader gathering the record has read for it and not yet put in <see cref="Labs"/>.</summary>
    internal int PendingLabs { get; set; }

    /// <summary>Makes this the empty record of another patient, its lists kept (emptied, with their capacity) to be filled again.</summary>
    internal void Reset(string patientId)
    {
        PatientId = patientId;
        (Sex, BirthDate, BirthDateExact, Deceased, HasPatient, PendingLabs) = (null, null, false, false, false, 0);
        Labs.Clear();
        Conditions.Clear();
        Medications.Clear();
        Procedures.Clear();
    }
}

/// <summary>What the Patient resource says.</summary>
public sealed record PatientFact(Sex? Sex, DateOnly? BirthDate, bool BirthDateExact, bool Deceased);
