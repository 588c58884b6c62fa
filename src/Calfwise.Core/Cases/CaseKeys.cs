namespace Calfwise.Core.Cases;

/// <summary>
/// Reads a case's ids (answered findings, "don't know" answers, lab requests) without allocating an enumerator when they
/// are the usual collections (a dictionary or a hash set), and through the interfaces otherwise.
/// </summary>
internal static class CaseKeys
{
    /// <summary>Whether every id answered in <paramref name="findings"/> meets <paramref name="test"/> (given <paramref name="state"/>; true when empty).</summary>
    public static bool All<TState>(IReadOnlyDictionary<string, bool> findings, TState state, Func<string, TState, bool> test)
    {
        if (findings.Count == 0)
        {
            return true;
        }

        if (findings is Dictionary<string, bool> dictionary)
        {
            foreach (var id in dictionary.Keys)
            {
                if (!test(id, state))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var id in findings.Keys)
        {
            if (!test(id, state))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every id of <paramref name="ids"/> meets <paramref name="test"/> (given <paramref name="state"/>; true when empty).</summary>
    public static bool All<TState>(IReadOnlySet<string> ids, TState state, Func<string, TState, bool> test)
    {
        if (ids.Count == 0)
        {
            return true;
        }

        if (ids is HashSet<string> set)
        {
            foreach (var id in set)
            {
                if (!test(id, state))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var id in ids)
        {
            if (!test(id, state))
            {
                return false;
            }
        }

        return true;
    }
}
