using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Cases;

public static partial class CaseValidator
{
    /// <summary>The classes of the medicines taken, each once, in the order the medicines were given.</summary>
    private static List<MedicationClass> Classes(PatientCase input, KnowledgeBase knowledge)
    {
        var classes = new List<MedicationClass>();
        var medications = input.Medications;
        for (var i = 0; i < medications.Count; i++)
        {
            if (knowledge.DrugClasses.TryGetValue(medications[i].Trim(), out var found))
            {
                for (var j = 0; j < found.Count; j++)
                {
                    if (!classes.Contains(found[j]))
                    {
                        classes.Add(found[j]);
                    }
                }
            }
        }

        return classes;
    }

    /// <summary>Medication names that are in no class of the knowledge base: kept, and reported as warnings.</summary>
    public static IReadOnlyList<string> UnknownMedications(PatientCase input, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(input);
        List<string>? unknown = null;
        var medications = input.Medications;
        for (var i = 0; i < medications.Count; i++)
        {
            if (!knowledge.DrugClasses.ContainsKey(medications[i].Trim()))
            {
                (unknown ??= []).Add(medications[i]);
            }
        }

        return unknown ?? (IReadOnlyList<string>)[];
    }
}

/// <summary>The errors found in a case, the list made only when there is one (a valid case allocates none).</summary>
internal struct InputErrors
{
    private List<InputError>? _errors;

    public readonly int Count => _errors?.Count ?? 0;

    /// <summary>The errors, in the order found.</summary>
    public readonly IReadOnlyList<InputError> All => _errors ?? (IReadOnlyList<InputError>)[];

    public void Add(InputError error) => (_errors ??= []).Add(error);
}
