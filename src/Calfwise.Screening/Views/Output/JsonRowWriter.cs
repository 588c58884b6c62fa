using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary>
/// JSON: one array of row objects, each with every column (null when empty), written batch by batch so a large
/// export streams. Numbers keep the resource's own precision; a collection column is a JSON array.
/// </summary>
internal sealed class JsonRowWriter : ViewRowWriter
{
    private readonly JsonEncodedText[] _names;
    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private bool _any;

    public JsonRowWriter(IReadOnlyList<ViewColumn> columns, TextWriter output)
    {
        _names = columns.Select(c => JsonEncodedText.Encode(c.Name)).ToArray();
        _output = output;
        _output.Write('[');
    }

    public override ValueTask WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            _buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_buffer))
            {
                json.WriteStartObject();
                for (var i = 0; i < _names.Length; i++)
                {
                    json.WritePropertyName(_names[i]);
                    WriteValue(json, row[i]);
                }

                json.WriteEndObject();
            }

            _output.Write(_any ? ",\n" : "\n");
            _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
            _any = true;
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        _output.Write(_any ? "\n]\n" : "]\n");
        _output.Flush();
        return ValueTask.CompletedTask;
    }

    /// <summary>A collection cell as JSON text, for formats that hold it in one text field.</summary>
    internal static string ArrayText(object?[] items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteValue(json, items);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case long whole:
                json.WriteNumberValue(whole);
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case object?[] items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }
}
