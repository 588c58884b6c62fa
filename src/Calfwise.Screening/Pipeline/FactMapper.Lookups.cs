using Calfwise.Core.Knowledge;
using CodeSystem = Calfwise.Core.Knowledge.CodeSystem;

namespace Calfwise.Screening.Pipeline;

public sealed partial class FactMapper
{
    /// <summary>Distinct codes remembered before the memos start again (an export repeats a few codes millions of times).</summary>
    private const int MemoLimit = 1 << 16;

    private readonly Dictionary<(CodeTarget, CodeSystem, string), IReadOnlyList<string>> _found = [];
    private readonly Dictionary<string, Analyte?> _analytes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeSystem?> _systems = new(StringComparer.Ordinal);

    /// <summary><see cref="Codes.Find(CodeTarget, CodeSystem, string)"/>, remembered (a mapper serves one thread).</summary>
    private IReadOnlyList<string> Find(CodeTarget target, CodeSystem system, string code)
    {
        if (!_found.TryGetValue((target, system, code), out var ids))
        {
            if (_found.Count >= MemoLimit)
            {
                _found.Clear();
            }

            _found[(target, system, code)] = ids = knowledge.Codes.Find(target, system, code);
        }

        return ids;
    }

    /// <summary><see cref="Codes.AnalyteByLoinc"/>, remembered.</summary>
    private Analyte? AnalyteByLoinc(string code)
    {
        if (!_analytes.TryGetValue(code, out var analyte))
        {
            if (_analytes.Count >= MemoLimit)
            {
                _analytes.Clear();
            }

            _analytes[code] = analyte = knowledge.Codes.AnalyteByLoinc(code);
        }

        return analyte;
    }

    /// <summary><see cref="CodeSystems.FromUri"/>, remembered.</summary>
    private CodeSystem? SystemOf(string? uri)
    {
        if (uri is null)
        {
            return null;
        }

        if (!_systems.TryGetValue(uri, out var system))
        {
            if (_systems.Count >= MemoLimit)
            {
                _systems.Clear();
            }

            _systems[uri] = system = CodeSystems.FromUri(uri);
        }

        return system;
    }
}
