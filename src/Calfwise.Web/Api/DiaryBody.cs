using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Calfwise.Core.Cases;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Calfwise.Web.Api;

/// <summary>
/// Reads a diary request body strictly, with the rules the diary pages apply to their forms: a number is a JSON number
/// (never a string such as "5"), every key appears once, and every error is an <see cref="InputError"/> naming the field.
/// </summary>
public static class DiaryBody
{
    /// <summary>The largest diary body read, in bytes; an episode or a day is well under 1 KB.</summary>
    public const int MaxBytes = 16 * 1024;

    private const string Body = "(body)";

    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> StrictOptions = [];

    public static async Task<(T? Value, IReadOnlyList<InputError> Errors)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return Error<T>(Body, "must be sent as JSON (Content-Type: application/json)");
        }

        var (body, tooLarge) = await BoundedBody.ReadAsync(request, MaxBytes).ConfigureAwait(false);
        if (body is not { } bytes)
        {
            return Error<T>(Body, tooLarge!);
        }

        var options = Strict(request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes.AsSpan(), options) is { } value
                ? (value, [])
                : Error<T>(Body, "must be a JSON object");
        }
        catch (JsonException e)
        {
            return (null, Errors(e));
        }
        catch (InvalidOperationException)
        {
            return Error<T>(Body, "is not valid JSON text (it has invalid UTF-8 or UTF-16)");
        }
    }

    /// <summary>The app's JSON rules with no numbers read from strings, no duplicate keys and no unknown keys (never silently dropped).</summary>
    private static JsonSerializerOptions Strict(JsonSerializerOptions app) =>
        StrictOptions.GetValue(app, o => new JsonSerializerOptions(o) { NumberHandling = JsonNumberHandling.Strict, AllowDuplicateProperties = false, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow });

    private static List<InputError> Errors(JsonException e)
    {
        var message = e.Message;
        const string missing = "missing required properties including: ";
        if (message.IndexOf(missing, StringComparison.Ordinal) is var at and >= 0)
        {
            return [.. message[(at + missing.Length)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(name => new InputError(name.Trim('\'', '.', ' '), "is required"))];
        }

        // The reader's own errors (bad syntax, invalid UTF-8) come wrapped: they are about the text, not a field.
        var field = e.InnerException is JsonException ? Body : Field(e.Path);
        if (message.Contains("uplicate", StringComparison.Ordinal))
        {
            return [new InputError(field, "appears more than once; give each field once")];
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return [new InputError(field, "is not a field of a diary entry (see docs/web.md); it would be lost, so the entry is refused")];
        }

        return field == Body
            ? [new InputError(Body, $"is not valid JSON{(e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "")}")]
            : [new InputError(field, "has a value of the wrong kind: numbers are JSON numbers (5, not \"5\"), true/false are JSON booleans, names are from the documented list")];
    }

    /// <summary>The top-level property a JSON path such as <c>$.intensity</c> or <c>$['intensity']</c> names, else "(body)".</summary>
    private static string Field(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return Body;
        }

        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$').Trim('[', ']', '\'');
        var end = name.IndexOfAny(['.', '[']);
        return end > 0 ? name[..end] : name;
    }

    private static (T?, IReadOnlyList<InputError>) Error<T>(string field, string message)
        where T : class => (null, [new InputError(field, message)]);
}
