using System.Text.Json;

namespace Calfwise.Core.Knowledge.Syntax;

/// <summary>
/// The compiled form of knowledge files: their nodes as compact JSON, so a running program reads no YAML. A map is
/// a JSON object whose "@" member is its line (a key no knowledge file can use); lists are arrays, values strings
/// or null. Lists and values take the line of the map they are in: only maps' lines appear in messages at run time.
/// </summary>
public static class NodeJson
{
    private const string LineKey = "@";

    public static void Write(Utf8JsonWriter writer, KnowledgeNode node)
    {
        switch (node)
        {
            case MapNode map:
                writer.WriteStartObject();
                writer.WriteNumber(LineKey, map.Line);
                foreach (var (key, value) in map.Entries)
                {
                    writer.WritePropertyName(key.Value ?? "");
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case ListNode list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ScalarNode { Value: { } value }:
                writer.WriteStringValue(value);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    public static KnowledgeNode Read(JsonElement element, int line) => element.ValueKind switch
    {
        JsonValueKind.Object => ReadMap(element),
        JsonValueKind.Array => new ListNode(element.EnumerateArray().Select(e => Read(e, line)).ToList(), line),
        JsonValueKind.String => new ScalarNode(element.GetString(), line),
        JsonValueKind.Null => new ScalarNode(null, line),
        _ => throw new JsonException($"unexpected {element.ValueKind} in compiled knowledge"),
    };

    private static MapNode ReadMap(JsonElement element)
    {
        var line = element.TryGetProperty(LineKey, out var at) ? at.GetInt32() : 0;
        var entries = new List<KeyValuePair<ScalarNode, KnowledgeNode>>();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != LineKey)
            {
                entries.Add(KeyValuePair.Create(new ScalarNode(property.Name, line), Read(property.Value, line)));
            }
        }

        return new MapNode(entries, line);
    }
}
