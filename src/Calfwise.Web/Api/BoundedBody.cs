namespace Calfwise.Web.Api;

/// <summary>Reads a request body up to a size, refusing a larger one from its Content-Length or as soon as it is read past the limit.</summary>
public static class BoundedBody
{
    /// <summary>The body's bytes, or null with the message (for the "(body)" field) when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<(ArraySegment<byte>? Bytes, string? TooLarge)> ReadAsync(HttpRequest request, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (null, $"is {request.ContentLength.Value} bytes; at most {maxBytes} bytes are accepted");
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, $"is over {maxBytes} bytes; at most {maxBytes} bytes are accepted");
            }

            buffer.Write(chunk, 0, read);
        }

        return (new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length), null);
    }
}
