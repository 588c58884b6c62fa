namespace Calfwise.Core.Knowledge;

/// <summary>
/// The bindings of <see cref="Codes"/> by code system and code, so a recorded code is looked up instead of compared
/// with every binding. A hierarchical code (ICD-10, ATC) is looked up at each of its prefixes, which finds exactly the
/// bindings <see cref="CodeFormats.Covers"/> says cover it; results keep the bindings' file order.
/// </summary>
internal sealed class CodeIndex
{
    private static readonly int Systems = Enum.GetValues<CodeSystem>().Length;
    private static readonly int Targets = Enum.GetValues<CodeTarget>().Length;

    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>>[] _bySystem;

    public CodeIndex(IReadOnlyList<CodeBinding> bindings)
    {
        var keyed = bindings.Select((binding, index) => (Index: index, Binding: binding))
            .ToLookup(b => (b.Binding.System, Key: CodeFormats.AsBound(b.Binding.System, b.Binding.Code)));
        _bySystem = new Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>>[Systems];
        for (var system = 0; system < Systems; system++)
        {
            var entries = keyed.Where(g => (int)g.Key.System == system)
                .ToDictionary(g => g.Key.Key, g => new Entry([.. g]), StringComparer.Ordinal);
            _bySystem[system] = entries.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>The bindings a recorded code falls under, in file order.</summary>
    public IReadOnlyList<CodeBinding> Find(CodeSystem system, string code) => Matches(system, code) switch
    {
        [] => [],
        [var entry] => entry.Bindings,
        var several => Merged(several).ToList(),
    };

    /// <summary>The ids of the items of one kind a recorded code means, each once, in file order.</summary>
    public IReadOnlyList<string> Find(CodeTarget target, CodeSystem system, string code) => Matches(system, code) switch
    {
        [] => [],
        [var entry] => entry.Ids[(int)target],
        var several => IdsOf(Merged(several), target),
    };

    /// <summary>The entries whose key the code is (or, hierarchical, starts with), shortest key first.</summary>
    private Entry[] Matches(CodeSystem system, string code)
    {
        var lookup = _bySystem[(int)system];
        var recorded = CodeFormats.AsRecorded(system, code);
        if (!CodeFormats.IsHierarchical(system))
        {
            return lookup.TryGetValue(recorded, out var exact) ? exact.Alone : [];
        }

        Entry[] found = [];
        for (var length = 0; length <= recorded.Length; length++)
        {
            if (lookup.TryGetValue(recorded.AsSpan(0, length), out var entry))
            {
                found = found.Length == 0 ? entry.Alone : [.. found, entry];
            }
        }

        return found;
    }

    private static IEnumerable<CodeBinding> Merged(Entry[] entries) =>
        entries.SelectMany(e => e.Indexed).OrderBy(b => b.Index).Select(b => b.Binding);

    private static string[] IdsOf(IEnumerable<CodeBinding> bindings, CodeTarget target) =>
        bindings.Where(b => b.Target == target).Select(b => b.TargetId).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The bindings of one key, with their places in the file, and their ids per target worked out once.</summary>
    private sealed class Entry
    {
        public Entry((int Index, CodeBinding Binding)[] indexed)
        {
            Indexed = indexed;
            Alone = [this];
            Bindings = [.. indexed.Select(b => b.Binding)];
            Ids = new string[Targets][];
            for (var target = 0; target < Targets; target++)
            {
                Ids[target] = IdsOf(Bindings, (CodeTarget)target);
            }
        }

        public (int Index, CodeBinding Binding)[] Indexed { get; }

        public CodeBinding[] Bindings { get; }

        /// <summary>This entry alone, as the match of a code no other key covers.</summary>
        public Entry[] Alone { get; }

        public string[][] Ids { get; }
    }
}
