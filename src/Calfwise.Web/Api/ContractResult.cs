using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Calfwise.Core.Contracts;
using Microsoft.AspNetCore.Http.Metadata;

namespace Calfwise.Web.Api;

/// <summary>
/// A 200 answer written straight to the response with the source-generated contract (compact JSON, no string in
/// between), or by a writer that writes the same bytes from the domain result without making the contract objects
/// (<see cref="CompactAnswer"/>); it tells OpenAPI the answer's type, so the document carries its schema.
/// </summary>
public sealed class ContractResult<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
    where T : class
{
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly Func<T>? _make;
    private readonly Action<Utf8JsonWriter>? _write;
    private T? _value;

    public ContractResult(T value, JsonTypeInfo<T> typeInfo)
    {
        _value = value;
        _typeInfo = typeInfo;
    }

    /// <param name="make">Makes the contract object, only when <see cref="Value"/> is asked for.</param>
    /// <param name="typeInfo">The contract's type.</param>
    /// <param name="write">Writes exactly what the serializer would write for the contract object.</param>
    public ContractResult(Func<T> make, JsonTypeInfo<T> typeInfo, Action<Utf8JsonWriter> write)
    {
        _make = make;
        _typeInfo = typeInfo;
        _write = write;
    }

    public T Value => _value ??= _make!();

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        var body = httpContext.Response.BodyWriter;
        using (var writer = new Utf8JsonWriter(body, ContractJson.CompactWriter))
        {
            if (_write is { } write)
            {
                write(writer);
            }
            else
            {
                JsonSerializer.Serialize(writer, Value, _typeInfo);
            }
        }

        await body.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }

#pragma warning disable CA1000 // the static interface member IEndpointMetadataProvider asks for
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }
#pragma warning restore CA1000
}
