using System.Text.Json;
using Calfwise.Core;
using Calfwise.Core.Cases;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;

namespace Calfwise.Fhir;

/// <summary>One resource of the input with the reference that names it in reports.</summary>
public sealed record FhirEntry(Resource Resource, string Reference);

/// <summary>The resources of an input, and where it departs from R4 without being unreadable (each with its location).</summary>
public sealed record FhirInput(IReadOnlyList<FhirEntry> Entries, IReadOnlyList<UnmappedResource> Invalid);

/// <summary>FHIR R4 JSON in and out with the Firely SDK's current serializers (not the obsolete parser).</summary>
public static class FhirJson
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>
    /// The resources of a Bundle (each entry's resource) or one resource; errors name what is wrong
    /// (<c>fhir: ...</c>) so a caller can show them as input errors.
    /// </summary>
    public static Result<FhirInput> Read(string json)
    {
        if (NotAResource(json) is { } problem)
        {
            return Result.Failure<FhirInput>(new InputError("fhir", problem));
        }

        Resource resource;
        IReadOnlyList<UnmappedResource> invalid = [];
        try
        {
            resource = Deserializer.DeserializeResource(json);
        }
        catch (DeserializationFailedException e) when (e.PartialResult is Resource partial && e.Exceptions.All(x => x is CodedValidationException))
        {
            // Only validation problems (a required element missing, a value out of its format): common in real
            // exports, often in resources Calfwise does not read. The resources are read; what they lack is reported
            // by the reader where it matters (an Observation without status is not read).
            resource = partial;
            invalid = e.Exceptions.Select(x => new UnmappedResource(Location(x), UnmappedReason.InvalidFhir, x.Message)).ToList();
        }
        catch (DeserializationFailedException e)
        {
            var messages = e.Exceptions.Take(5).Select(x => new InputError("fhir", x.Message)).ToList();
            return Result.Failure<FhirInput>(messages.Count > 0 ? messages : [new InputError("fhir", e.Message)]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return Result.Failure<FhirInput>(new InputError("fhir", $"not a FHIR R4 resource: {e.Message}"));
        }

        return Result.Success(new FhirInput(Entries(resource), invalid));
    }

    /// <summary>A Bundle's entries (those with a resource) or the one resource, each with its reference.</summary>
    public static IReadOnlyList<FhirEntry> Entries(Resource resource)
    {
        if (resource is not Bundle bundle)
        {
            return [new FhirEntry(resource, ReferenceOf(resource, null, 0))];
        }

        var entries = new List<FhirEntry>();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            if (bundle.Entry[i].Resource is { } inner)
            {
                entries.Add(new FhirEntry(inner, ReferenceOf(inner, bundle.Entry[i].FullUrl, i)));
            }
        }

        return entries;
    }

    public static string Write(Resource resource) => Serializer.SerializeToString(resource, pretty: true);

    /// <summary>Why the text is not a JSON object with a resourceType, or null when it is one.</summary>
    private static string? NotAResource(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind != JsonValueKind.Object ? "must be a JSON object (a Bundle or a resource)"
                : !document.RootElement.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String ? "needs a resourceType (Bundle, or a resource such as Patient)"
                : null;
        }
        catch (JsonException e)
        {
            return $"not valid JSON: {e.Message}";
        }
    }

    private static string Location(Exception problem) => problem is CodedValidationException { InstancePath: { } path } ? path : "(input)";

    private static string ReferenceOf(Resource resource, string? fullUrl, int index) =>
        !string.IsNullOrEmpty(resource.Id) ? $"{resource.TypeName}/{resource.Id}"
        : !string.IsNullOrEmpty(fullUrl) ? fullUrl
        : $"entry[{index}] ({resource.TypeName})";
}
