using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Calfwise.Core.Cases;
using Calfwise.Fhir;

namespace Calfwise.Web.Cds;

/// <summary>
/// The patient's resources for a call: from <c>prefetch</c>, or, when prefetch lacks them, fetched from
/// <c>fhirServer</c> with the <c>fhirAuthorization</c> bearer token. Null data means 412 (the spec's answer when
/// the service cannot get what it needs).
/// </summary>
public sealed class CdsRecord(IHttpClientFactory clients)
{
    public const string HttpClientName = "cds-fhir";

    /// <summary>The resources, an error (400: a part that is not FHIR; 412: no data to be had) or null for none.</summary>
    public async Task<(IReadOnlyList<FhirEntry>? Entries, IResult? Failure)> ReadAsync(JsonObject request, IReadOnlyDictionary<string, string> templates, CancellationToken cancel)
    {
        var prefetch = request["prefetch"] as JsonObject;
        var entries = new List<FhirEntry>();
        var missing = new List<string>();
        foreach (var key in templates.Keys)
        {
            if (prefetch is null || !prefetch.TryGetPropertyValue(key, out var value))
            {
                missing.Add(key);
            }
            else if (value is null)
            {
                // "If the CDS Client has no data to populate a template prefetch key, the prefetch template key MUST
                // have a value of null": satisfied, with nothing in it.
                continue;
            }
            else if (value is JsonObject resource)
            {
                var read = FhirJson.Read(resource.ToJsonString());
                if (!read.IsSuccess)
                {
                    return (null, CdsEndpoints.Problem(StatusCodes.Status400BadRequest, $"prefetch.{key}: {string.Join("; ", read.Errors.Select(e => e.Message))}"));
                }

                entries.AddRange(read.Value!.Entries);
            }
            else
            {
                return (null, CdsEndpoints.Problem(StatusCodes.Status400BadRequest, $"prefetch.{key}: a FHIR resource (a JSON object) or null is accepted."));
            }
        }

        if (missing.Count == 0)
        {
            return (entries, null);
        }

        var server = CdsEndpoints.Text(request["fhirServer"]);
        var patientId = CdsEndpoints.Text((request["context"] as JsonObject)?["patientId"]);
        if (string.IsNullOrWhiteSpace(server) || string.IsNullOrWhiteSpace(patientId))
        {
            return (null, CdsEndpoints.Problem(StatusCodes.Status412PreconditionFailed,
                $"prefetch lacks {string.Join(", ", missing)} and there is no fhirServer (with context.patientId) to fetch them from."));
        }

        var token = CdsEndpoints.Text((request["fhirAuthorization"] as JsonObject)?["access_token"]);
        foreach (var key in missing)
        {
            var query = templates[key].Replace("{{context.patientId}}", Uri.EscapeDataString(patientId), StringComparison.Ordinal);
            var fetched = await FetchAsync(server, query, token, cancel).ConfigureAwait(false);
            if (fetched is null)
            {
                return (null, CdsEndpoints.Problem(StatusCodes.Status412PreconditionFailed, $"{key}: the FHIR server did not give {query}."));
            }

            var read = FhirJson.Read(fetched);
            if (!read.IsSuccess)
            {
                return (null, CdsEndpoints.Problem(StatusCodes.Status412PreconditionFailed, $"{key}: the FHIR server's answer is not FHIR: {string.Join("; ", read.Errors.Select(e => e.Message))}"));
            }

            entries.AddRange(read.Value!.Entries);
        }

        return (entries, null);
    }

    private async Task<string?> FetchAsync(string server, string query, string? token, CancellationToken cancel)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, server.TrimEnd('/') + "/" + query);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/fhir+json"));
        if (!string.IsNullOrEmpty(token))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(message, cancel).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
            return null;
        }
    }

    /// <summary>The errors of a case that could not be read or validated, as a 400 naming the resource.</summary>
    public static IResult Refused(IReadOnlyList<InputError> errors) =>
        CdsEndpoints.Problem(StatusCodes.Status400BadRequest, "The record does not give a case: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
}
