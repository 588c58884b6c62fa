using System.Globalization;
using Calfwise.Core.Knowledge.Syntax;

namespace Calfwise.Core.Knowledge.Reading;

/// <summary>
/// Reads the rule language of the knowledge files: a rule is a mapping with one key, the rule kind, whose value is
/// its argument. The kinds live in <see cref="RuleKinds"/>, a table that grows by one line per new kind.
/// </summary>
internal sealed class RuleParser(ErrorSink errors, List<(RuleReference Reference, SourceLocation At)> references)
{
    /// <summary>The rule under <paramref name="key"/> of <paramref name="map"/>; null (reported) when absent or malformed.</summary>
    public Rule? At(NodeMap map, string key)
    {
        var node = map.Raw(key);
        if (node is null)
        {
            map.Error($"missing '{key}' rule");
            return null;
        }

        return Parse(node, map.File);
    }

    public Rule? Parse(KnowledgeNode node, string file)
    {
        if (node is not MapNode { Entries.Count: 1 } mapping)
        {
            errors.Add(file, node.Line, $"a rule must be a mapping with exactly one key ({string.Join(", ", RuleKinds.Names.Take(6))}, ...)");
            return null;
        }

        var (key, value) = mapping.Entries[0];
        var argument = new RuleArgument(this, key.Value ?? "", value, new SourceLocation(file, node.Line));
        if (RuleKinds.Find(argument.Kind) is { } kind)
        {
            return kind(argument);
        }

        return argument.Error($"unknown rule '{argument.Kind}'{Spelling.DidYouMean(argument.Kind, RuleKinds.Names, 2)}");
    }

    public void Uses(ReferenceKind kind, string id, SourceLocation at) => references.Add((new RuleReference(kind, id), at));

    public void Error(SourceLocation at, string message) => errors.Add(at, message);

}

/// <summary>What a rule kind's reader gets: the kind's name, its argument node and where it is.</summary>
internal readonly record struct RuleArgument(RuleParser Parser, string Kind, KnowledgeNode Value, SourceLocation At)
{
    /// <summary>A single non-empty value, or null (reported).</summary>
    public string? Scalar()
    {
        if (Value is ScalarNode { Value: { Length: > 0 } text })
        {
            return text;
        }

        Parser.Error(At, $"rule '{Kind}' needs a single value");
        return null;
    }

    /// <summary>A rule over one knowledge id, whose existence the validator checks.</summary>
    public Rule? Reference(ReferenceKind kind, Func<string, Rule> make)
    {
        var id = Scalar();
        if (id is null)
        {
            return null;
        }

        Parser.Uses(kind, id, At);
        return make(id);
    }

    /// <summary>A non-empty list of rules; null (reported) if it is not one or any rule in it is broken.</summary>
    public IReadOnlyList<Rule>? Rules()
    {
        if (Value is ListNode { Items.Count: > 0 } list)
        {
            var parser = Parser;
            var file = At.File;
            var rules = list.Items.Select(child => parser.Parse(child, file)).ToList();
            return rules.All(r => r is not null) ? rules.Cast<Rule>().ToList() : null;
        }

        Parser.Error(At, $"rule '{Kind}' needs a non-empty list of rules");
        return null;
    }

    /// <summary>The argument read as a rule of its own.</summary>
    public Rule? Inner() => Parser.Parse(Value, At.File);

    /// <summary>One of a fixed set of words, each mapped to its meaning; null (reported) for anything else.</summary>
    public T? OneOf<T>(IReadOnlyDictionary<string, T> words)
        where T : struct
    {
        var text = Scalar();
        if (text is null)
        {
            return null;
        }

        if (words.TryGetValue(text, out var value))
        {
            return value;
        }

        Parser.Error(At, $"{Kind} '{text}' is not one of {string.Join(", ", words.Keys)}");
        return null;
    }

    public decimal? Number()
    {
        var text = Scalar();
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        Parser.Error(At, $"{Kind} must be a number of years, not '{text}'");
        return null;
    }

    public Rule? Error(string message)
    {
        Parser.Error(At, message);
        return null;
    }
}
