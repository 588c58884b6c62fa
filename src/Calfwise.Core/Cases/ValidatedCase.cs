using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;

namespace Calfwise.Core.Cases;

/// <summary>A lab result checked against its analyte: the unit is one the analyte accepts, the value possible.</summary>
/// <param name="Analyte">The analyte of the knowledge base.</param>
/// <param name="Reported">The value in the unit it was reported in.</param>
/// <param name="Canonical">The same value converted exactly to the analyte's canonical unit.</param>
/// <param name="Date">The day the sample was taken, when known (never after the day of the assessment).</param>
public sealed record ValidLab(Analyte Analyte, Quantity Reported, Quantity Canonical, DateOnly? Date);

/// <summary>
/// A case the <see cref="CaseValidator"/> accepted: every id is in the knowledge base, every lab converted once to its
/// canonical unit, the age known (from the birth date when one was given), the medicines sorted into their classes
/// and inflammation read from CRP. Only the validator makes one, so the engine trusts it without checking again.
/// </summary>
public sealed class ValidatedCase
{
    internal ValidatedCase(KnowledgeBase knowledge, PatientCase input, decimal age, IReadOnlyList<ValidLab> labs, bool? inflammation, IReadOnlyList<MedicationClass> medicationClasses, IReadOnlyList<string> unknownMedications)
    {
        Knowledge = knowledge;
        Input = input;
        Age = age;
        Labs = labs;
        Inflammation = inflammation;
        MedicationClasses = medicationClasses;
        UnknownMedications = unknownMedications;
    }

    /// <summary>The knowledge base the case was checked against: the only one it may be assessed with.</summary>
    public KnowledgeBase Knowledge { get; }

    /// <summary>The case as given (answers, medicines and labs as written).</summary>
    public PatientCase Input { get; }

    /// <summary>The age in years: computed from the birth date on the day of validation when one was given.</summary>
    public decimal Age { get; }

    public Sex Sex => Input.Sex;

    public bool IsPregnant => Input.IsPregnant;

    /// <summary>The trimester (1, 2 or 3) when pregnant and known.</summary>
    public int? Trimester => Input.Trimester;

    /// <summary>The labs, each once, in the order given.</summary>
    public IReadOnlyList<ValidLab> Labs { get; }

    /// <summary>Whether CRP shows inflammation (above <c>crp-inflammation</c>); null without a CRP.</summary>
    public bool? Inflammation { get; }

    /// <summary>The classes of the medicines taken, each once.</summary>
    public IReadOnlyList<MedicationClass> MedicationClasses { get; }

    /// <summary>Medicines in no class of the knowledge base: kept, and reported as warnings.</summary>
    public IReadOnlyList<string> UnknownMedications { get; }

    public IReadOnlyDictionary<string, bool> Findings => Input.Findings;

    public IReadOnlySet<string> DontKnow => Input.DontKnow;

    public IReadOnlySet<string> LabsUnavailable => Input.LabsUnavailable;

    public IReadOnlyList<int>? Irls => Input.Irls;

    public bool? Answer(string findingId) => Input.Answer(findingId);

    public bool WasAsked(string findingId) => Input.WasAsked(findingId);

    /// <summary>The lab of this analyte, if given.</summary>
    public ValidLab? Lab(string analyteId)
    {
        for (var i = 0; i < Labs.Count; i++)
        {
            if (Labs[i].Analyte.Id == analyteId)
            {
                return Labs[i];
            }
        }

        return null;
    }

    /// <summary>A copy with one finding of the knowledge base answered; nothing else needs checking again.</summary>
    public ValidatedCase WithAnswer(Finding finding, bool answer) => WithAnswer(finding.Id, answer);

    /// <summary>A copy with one finding answered, for ids taken from the knowledge base (the interview's what-ifs).</summary>
    internal ValidatedCase WithAnswer(string findingId, bool answer) => With(Input.WithAnswer(findingId, answer));

    private ValidatedCase With(PatientCase input) => new(Knowledge, input, Age, Labs, Inflammation, MedicationClasses, UnknownMedications);
}
