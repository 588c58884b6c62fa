using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Calfwise.Core.Contracts;
using Microsoft.AspNetCore.Http.Metadata;

namespace Calfwise.Web.Api;

/// <summary>
/// A 200 answer written straight to the response with the source-generated contract (compact JSON, no string in
/// between), or with a writer that writes the same bytes faster (<see cref="CompactAnswer"/>); it tells OpenAPI the
/// answer's type, so the document carries its schema.
/// </summary>
public sealed class ContractResult<T>(T value, JsonTypeInfo<T> typeInfo, Action<Utf8JsonWriter, T>? write = null) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
{
    public T Value => value;

    object? IValueHttpResult.Value => value;

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
            if (write is null)
            {
                JsonSerializer.Serialize(writer, value, typeInfo);
            }
            else
            {
                write(writer, value);
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
