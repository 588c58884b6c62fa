using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Synth;

/// <summary>One synthetic person while their resources are written.</summary>
internal sealed class SynthPatient
{
    public required string Id { get; init; }

    public required Sex Sex { get; init; }

    public required DateOnly BirthDate { get; init; }

    /// <summary>Age in whole years on the last day of the record.</summary>
    public required int Age { get; init; }

    public DateOnly? DeathDate { get; init; }

    /// <summary>The last day anything is recorded: the day of death, or the export's as-of day.</summary>
    public required DateOnly LastDay { get; init; }

    /// <summary>Picks this patient's lab's codes and units, so one person's results look like one lab's.</summary>
    public required int LabStyle { get; init; }

    public Scenario Scenario { get; set; }

    public string Reference => "Patient/" + Id;

    public bool IsFemale => Sex == Sex.Female;

    public bool IsAdult => Age >= Rates.AdultAge;
}
