using System.Globalization;
using Calfwise.Core.Knowledge.Syntax;

namespace Calfwise.Core.Knowledge.Reading;

/// <summary>
/// A mapping of a knowledge file read with its file and line, so that every problem can be reported where it is.
/// Reading never throws: problems go to the error sink and a null comes back.
/// </summary>
internal sealed class NodeMap
{
    private readonly MapNode _node;
    private readonly ErrorSink _errors;

    public NodeMap(MapNode node, string file, ErrorSink errors)
    {
        _node = node;
        File = file;
        _errors = errors;
    }

    public string File { get; }

    public SourceLocation Location => At(_node);

    public SourceLocation At(KnowledgeNode node) => new(File, node.Line);

    public void Error(string message) => _errors.Add(Location, message);

    public void Error(KnowledgeNode node, string message) => _errors.Add(At(node), message);

    public bool Has(string key) => _node[key] is not null;

    public KnowledgeNode? Raw(string key) => _node[key];

    public void OnlyKeys(params string[] allowed)
    {
        foreach (var (key, _) in _node.Entries)
        {
            var name = key.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Error(key, $"unknown key '{name}'; accepted keys: {string.Join(", ", allowed)}");
            }
        }
    }

    public string? Str(string key, bool required = true)
    {
        var node = Raw(key);
        if (node is null || node is ScalarNode { IsNull: true })
        {
            if (required)
            {
                Error($"missing '{key}'");
            }

            return null;
        }

        if (node is not ScalarNode scalar)
        {
            Error(node, $"'{key}' must be a single value");
            return null;
        }

        return scalar.Value;
    }

    public decimal? Decimal(string key, bool required = true)
    {
        var text = Str(key, required);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(Raw(key)!, $"'{key}' must be a number, not '{text}'");
        return null;
    }

    public double? Double(string key, bool required = true) => Decimal(key, required) is { } d ? (double)d : null;

    public int? Int(string key, bool required = true)
    {
        var value = Decimal(key, required);
        if (value is null)
        {
            return null;
        }

        if (value != decimal.Truncate(value.Value) || value < int.MinValue || value > int.MaxValue)
        {
            Error(Raw(key)!, $"'{key}' must be a whole number, not {value}");
            return null;
        }

        return (int)value.Value;
    }

    public bool? Bool(string key, bool required = true)
    {
        var text = Str(key, required);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(Raw(key)!, $"'{key}' must be true or false, not '{text}'");
        return null;
    }

    public EvidenceGrade? Grade(string key, bool required = true)
    {
        var text = Str(key, required);
        if (text is null)
        {
            return null;
        }

        if (text.Length == 1 && Enum.TryParse<EvidenceGrade>(text, ignoreCase: false, out var grade) && Enum.IsDefined(grade))
        {
            return grade;
        }

        Error(Raw(key)!, $"'{key}' must be an evidence grade A, B, C or D, not '{text}'");
        return null;
    }

    public TriageLevel? Level(string key, bool required = true)
    {
        var text = Str(key, required);
        if (text is null)
        {
            return null;
        }

        if (TriageLevels.TryParse(text, out var level))
        {
            return level;
        }

        Error(Raw(key)!, $"'{key}' must be one of {string.Join(", ", TriageLevels.All.Select(l => l.ToId()))}, not '{text}'");
        return null;
    }

    public Sex? SexValue(string key, bool required = true)
    {
        var text = Str(key, required);
        return text switch
        {
            null => null,
            "female" => Knowledge.Sex.Female,
            "male" => Knowledge.Sex.Male,
            _ => ErrorReturn<Sex?>(Raw(key)!, $"'{key}' must be female or male, not '{text}'", null),
        };
    }

    public IReadOnlyList<NodeMap> Maps(string key, bool required = true)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Error($"missing list '{key}'");
            }

            return [];
        }

        if (node is not ListNode sequence)
        {
            Error(node, $"'{key}' must be a list");
            return [];
        }

        var maps = new List<NodeMap>();
        foreach (var item in sequence.Items)
        {
            if (item is MapNode mapping)
            {
                maps.Add(new NodeMap(mapping, File, _errors));
            }
            else
            {
                Error(item, $"each entry of '{key}' must be a mapping of keys to values");
            }
        }

        return maps;
    }

    public NodeMap? Map(string key, bool required = true)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Error($"missing '{key}'");
            }

            return null;
        }

        if (node is MapNode mapping)
        {
            return new NodeMap(mapping, File, _errors);
        }

        Error(node, $"'{key}' must be a mapping of keys to values");
        return null;
    }

    public IReadOnlyList<string> Strings(string key, bool required = true)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Error($"missing list '{key}'");
            }

            return [];
        }

        if (node is not ListNode sequence)
        {
            Error(node, $"'{key}' must be a list");
            return [];
        }

        var values = new List<string>();
        foreach (var item in sequence.Items)
        {
            if (item is ScalarNode { Value: { Length: > 0 } value })
            {
                values.Add(value);
            }
            else
            {
                Error(item, $"each entry of '{key}' must be a single value");
            }
        }

        return values;
    }


    private T ErrorReturn<T>(KnowledgeNode node, string message, T value)
    {
        Error(node, message);
        return value;
    }
}
