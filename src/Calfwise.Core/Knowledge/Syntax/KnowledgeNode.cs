namespace Calfwise.Core.Knowledge.Syntax;

/// <summary>
/// One node of a parsed knowledge file: what the readers see, whether the file came from YAML (as people write it)
/// or from the compiled form the program ships. The line is where the node starts in its YAML file.
/// </summary>
public abstract class KnowledgeNode(int line)
{
    public int Line { get; } = line;
}

/// <summary>A single value. <see cref="Value"/> is null for YAML's null (~, null or nothing).</summary>
public sealed class ScalarNode(string? value, int line) : KnowledgeNode(line)
{
    public string? Value { get; } = value;

    public bool IsNull => string.IsNullOrEmpty(Value);
}

/// <summary>A list of nodes.</summary>
public sealed class ListNode(IReadOnlyList<KnowledgeNode> items, int line) : KnowledgeNode(line)
{
    public IReadOnlyList<KnowledgeNode> Items { get; } = items;
}

/// <summary>Keys to nodes, in file order; keys are unique.</summary>
public sealed class MapNode : KnowledgeNode
{
    private readonly Dictionary<string, KnowledgeNode> _byKey;

    public MapNode(IReadOnlyList<KeyValuePair<ScalarNode, KnowledgeNode>> entries, int line)
        : base(line)
    {
        Entries = entries;
        _byKey = new Dictionary<string, KnowledgeNode>(entries.Count, StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            _byKey.TryAdd(key.Value ?? "", value);
        }
    }

    public IReadOnlyList<KeyValuePair<ScalarNode, KnowledgeNode>> Entries { get; }

    public KnowledgeNode? this[string key] => _byKey.GetValueOrDefault(key);
}
