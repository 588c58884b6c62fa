using System.Text.Json;
using System.Text.Json.Serialization;

namespace Calfwise.Core.Contracts;

/// <summary>
/// Reads and writes a list of contract objects as the serializer would, except that a shared object
/// (<see cref="SharedParts{TSource, TResponse}"/>) is copied from its pre-encoded bytes when the writer is the compact
/// one they were encoded with. Indented output, another encoder or an object made for one answer is serialized as
/// usual, so the bytes are the same either way. It sits on the list property, not on the element type, so the element
/// type keeps its generated metadata and the OpenAPI document its schema.
/// </summary>
public sealed class SharedPartsConverter<T> : JsonConverter<IReadOnlyList<T>>
    where T : class
{
    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of {typeof(T).Name}.");
        }

        var typeInfo = PreEncoded<T>.TypeInfo(options);
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(JsonSerializer.Deserialize(ref reader, typeInfo) ?? throw new JsonException($"A {typeof(T).Name} may not be null."));
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var item in value)
        {
            if (PreEncoded<T>.TryGet(item, writer, options, out var bytes))
            {
                writer.WriteRawValue(bytes, skipInputValidation: true);
            }
            else
            {
                JsonSerializer.Serialize(writer, item, PreEncoded<T>.TypeInfo(options));
            }
        }

        writer.WriteEndArray();
    }
}
