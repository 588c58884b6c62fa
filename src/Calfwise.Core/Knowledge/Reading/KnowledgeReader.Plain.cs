using System.Text.RegularExpressions;
using Calfwise.Core.Presentation;

namespace Calfwise.Core.Knowledge.Reading;

/// <summary>Plain-language fields: short, and with no placeholder the <see cref="Locale"/> cannot fill.</summary>
internal sealed partial class KnowledgeReader
{
    /// <summary>The longest plain sentence or two, in characters: the first layer of the results stays short.</summary>
    public const int PlainMaxLength = 220;

    private static string? Plain(NodeMap map, string key, bool required)
    {
        var text = map.Str(key, required);
        return text is null ? null : PlainText(map, key, text);
    }

    private static string PlainText(NodeMap map, string key, string text)
    {
        if (text.Length > PlainMaxLength)
        {
            map.Error($"'{key}' is {text.Length} characters; plain text is at most {PlainMaxLength}, the details hold the rest");
        }

        foreach (Match placeholder in Placeholder().Matches(text))
        {
            if (!Locale.Placeholders.Contains(placeholder.Value, StringComparer.Ordinal))
            {
                map.Error($"'{key}' has the placeholder '{placeholder.Value}'; accepted: {string.Join(", ", Locale.Placeholders)}");
            }
        }

        return text;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();
}
