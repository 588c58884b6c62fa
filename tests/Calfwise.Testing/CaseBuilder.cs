using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Testing;

/// <summary>
/// Builds a <see cref="PatientCase"/> by name rather than by position:
/// <c>CaseBuilder.Woman(45).Yes("calf-twitching").Lab("ferritin", 22, "ng/mL").Build()</c>.
/// </summary>
public sealed class CaseBuilder
{
    private readonly Dictionary<string, bool> _findings = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dontKnow = new(StringComparer.Ordinal);
    private readonly List<string> _medications = [];
    private readonly List<LabInput> _labs = [];
    private decimal _age;
    private Sex _sex;
    private bool? _pregnant;
    private int? _trimester;
    private IReadOnlyList<int>? _irls;

    private CaseBuilder(decimal age, Sex sex)
    {
        _age = age;
        _sex = sex;
    }

    public static CaseBuilder Person(decimal age, Sex sex) => new(age, sex);

    public static CaseBuilder Woman(decimal age) => new(age, Sex.Female);

    public static CaseBuilder Man(decimal age) => new(age, Sex.Male);

    public CaseBuilder Aged(decimal age)
    {
        _age = age;
        return this;
    }

    public CaseBuilder OfSex(Sex sex)
    {
        _sex = sex;
        return this;
    }

    /// <summary>Pregnant (true), not pregnant (false) or not asked (null); a trimester when known.</summary>
    public CaseBuilder Pregnant(bool? pregnant = true, int? trimester = null)
    {
        _pregnant = pregnant;
        _trimester = trimester;
        return this;
    }

    public CaseBuilder Yes(params string[] findingIds) => Answer(true, findingIds);

    public CaseBuilder No(params string[] findingIds) => Answer(false, findingIds);

    public CaseBuilder Answer(bool answer, params string[] findingIds)
    {
        foreach (var id in findingIds)
        {
            _findings[id] = answer;
            _dontKnow.Remove(id);
        }

        return this;
    }

    public CaseBuilder Answers(IEnumerable<KeyValuePair<string, bool>> answers)
    {
        foreach (var (id, answer) in answers)
        {
            Answer(answer, id);
        }

        return this;
    }

    public CaseBuilder DontKnow(params string[] findingIds)
    {
        foreach (var id in findingIds)
        {
            _findings.Remove(id);
            _dontKnow.Add(id);
        }

        return this;
    }

    /// <summary>The opening checklist answered: every opening finding not already answered is "no" (not ticked).</summary>
    public CaseBuilder RestOfOpeningNo(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        foreach (var id in knowledge.Interview.OpeningFindings.Where(id => !_findings.ContainsKey(id) && !_dontKnow.Contains(id)))
        {
            _findings[id] = false;
        }

        return this;
    }

    public CaseBuilder Taking(params string[] medications)
    {
        _medications.AddRange(medications);
        return this;
    }

    public CaseBuilder Lab(string analyte, decimal value, string unit)
    {
        _labs.Add(new LabInput(analyte, value, unit));
        return this;
    }

    public CaseBuilder Labs(IEnumerable<LabInput> labs)
    {
        _labs.AddRange(labs);
        return this;
    }

    public CaseBuilder Irls(params int[] items)
    {
        _irls = items;
        return this;
    }

    public PatientCase Build() =>
        new(_age, _sex, _pregnant, new Dictionary<string, bool>(_findings, StringComparer.Ordinal), _medications.ToList(), _labs.ToList(), _irls)
        {
            DontKnow = new HashSet<string>(_dontKnow, StringComparer.Ordinal),
            Trimester = _trimester,
        };

    public static implicit operator PatientCase(CaseBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Build();
    }
}
