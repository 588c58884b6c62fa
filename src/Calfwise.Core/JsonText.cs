using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Calfwise.Core;

/// <summary>Writes indented JSON text the way every Calfwise output does (readable µ, not \u00B5).</summary>
public static class JsonText
{
    public static JsonWriterOptions Options { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
