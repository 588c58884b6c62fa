using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Calfwise.Core.Knowledge.Syntax;

/// <summary>Reads a knowledge file's YAML into nodes with their lines; the only place that knows YAML.</summary>
public static class YamlSyntax
{
    /// <summary>The file's top-level mapping, or null with the problem added to <paramref name="errors"/>.</summary>
    public static MapNode? Parse(string file, string text, ICollection<KnowledgeError> errors)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root)
            {
                return (MapNode)Convert(root);
            }

            errors.Add(new KnowledgeError(file, 1, "expected one YAML document whose top level is a mapping"));
        }
        catch (YamlException ex)
        {
            errors.Add(new KnowledgeError(file, checked((int)ex.Start.Line), "not valid YAML: " + ex.Message));
        }

        return null;
    }

    private static KnowledgeNode Convert(YamlNode node)
    {
        var line = checked((int)node.Start.Line);
        return node switch
        {
            YamlMappingNode map => new MapNode(map.Children.Select(c => KeyValuePair.Create((ScalarNode)Convert(c.Key), Convert(c.Value))).ToList(), line),
            YamlSequenceNode list => new ListNode(list.Children.Select(Convert).ToList(), line),
            YamlScalarNode scalar => new ScalarNode(IsNull(scalar) ? null : scalar.Value, line),
            _ => new ScalarNode(null, line),
        };
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        string.IsNullOrEmpty(scalar.Value) || (scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null");
}
