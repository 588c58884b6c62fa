namespace Calfwise.Core.Knowledge;

/// <summary>Finds the known ids closest to a misspelt one, for helpful error messages.</summary>
public static class Spelling
{
    public static IReadOnlyList<string> Closest(string wrong, IEnumerable<string> known, int count)
    {
        ArgumentNullException.ThrowIfNull(wrong);
        var limit = Math.Max(2, wrong.Length / 2);
        return known
            .Select(k => (Id: k, Distance: Distance(wrong, k)))
            .Where(x => x.Distance <= limit || x.Id.Contains(wrong, StringComparison.OrdinalIgnoreCase) || wrong.Contains(x.Id, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Id)
            .ToList();
    }

    /// <summary>"; did you mean 'a', 'b'?" for the closest known ids, or "" when none is close: the end of an error message.</summary>
    public static string DidYouMean(string wrong, IEnumerable<string> known, int count = 3)
    {
        var close = Closest(wrong, known, count);
        return close.Count == 0 ? "" : $"; did you mean {string.Join(", ", close.Select(c => $"'{c}'"))}?";
    }

    /// <summary>Levenshtein edit distance.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
