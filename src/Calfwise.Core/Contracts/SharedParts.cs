using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Calfwise.Core.Contracts;

/// <summary>
/// Parts of an answer that come straight from the knowledge base (a recommendation with its sources, a piece of
/// evidence) are the same in every answer that holds them. Each is made into its contract object once, keyed by the
/// knowledge's own object (so it lives exactly as long as that knowledge), and encoded once as compact UTF-8 JSON:
/// the API copies those bytes (<see cref="SharedPartsConverter{T}"/>) instead of escaping the same text for every
/// request (docs/benchmarks.md).
/// </summary>
/// <typeparam name="TSource">The knowledge's object, made once per knowledge base (the engine's applied recommendation or evidence item).</typeparam>
/// <typeparam name="TResponse">Its contract object.</typeparam>
internal sealed class SharedParts<TSource, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TResponse>
    where TSource : class
    where TResponse : class
{
    private readonly ConditionalWeakTable<TSource, Shared> _made = new();
    private readonly ConditionalWeakTable<TSource, Shared>.CreateValueCallback _make;

    public SharedParts(Func<TSource, TResponse> make) => _make = source =>
    {
        var response = make(source);
        return new Shared(response, PreEncoded<TResponse>.Share(response));
    };

    /// <summary>The one contract object of <paramref name="source"/>, encoded.</summary>
    public TResponse For(TSource source) => _made.GetValue(source, _make).Response;

    /// <summary>The encoded contract object of <paramref name="source"/> (one lookup), for a compact writer only (<see cref="ContractJson.IsCompact"/>).</summary>
    public byte[] Encoded(TSource source) => _made.GetValue(source, _make).Bytes;

    private sealed record Shared(TResponse Response, byte[] Bytes);
}

/// <summary>The compact UTF-8 JSON of shared contract objects, exactly as the serializer writes them with <see cref="ContractJson.CompactWriter"/>.</summary>
internal static class PreEncoded<T>
    where T : class
{
    private static readonly ConditionalWeakTable<T, byte[]> Encoded = new();

    /// <summary>Encodes <paramref name="value"/> once; it must not change afterwards (the contracts are immutable records).</summary>
    public static byte[] Share(T value)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, ContractJson.CompactWriter))
        {
            JsonSerializer.Serialize(writer, value, TypeInfo(ContractJson.Compact.Options));
        }

        var bytes = buffer.WrittenSpan.ToArray();
        Encoded.AddOrUpdate(value, bytes);
        return bytes;
    }

    /// <summary>The bytes of a shared object, when this writer and these options would write exactly those bytes.</summary>
    public static bool TryGet(T value, Utf8JsonWriter writer, JsonSerializerOptions options, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        return ReferenceEquals(options, ContractJson.Compact.Options) && ContractJson.IsCompact(writer) && Encoded.TryGetValue(value, out bytes);
    }

    public static JsonTypeInfo<T> TypeInfo(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
