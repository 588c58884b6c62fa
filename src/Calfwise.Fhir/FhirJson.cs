using System.Text.Json;
using Calfwise.Core;
using Calfwise.Core.Cases;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Calfwise.Fhir;

/// <summary>One resource of the input with the reference that names it in reports.</summary>
public sealed record FhirEntry(Resource Resource, string Reference);

/// <summary>FHIR R4 JSON in and out with the Firely SDK's current serializers (not the obsolete parser).</summary>
public static class FhirJson
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>
    /// The resources of a Bundle (each entry's resource) or one resource; errors name what is wrong
    /// (<c>fhir: ...</c>) so a caller can show them as input errors.
    /// </summary>
    public static Result<IReadOnlyList<FhirEntry>> Read(string json)
    {
        Resource resource;
        try
        {
            resource = Deserializer.DeserializeResource(json);
        }
        catch (DeserializationFailedException e)
        {
            var messages = e.Exceptions.Take(5).Select(x => new InputError("fhir", x.Message)).ToList();
            return Result.Failure<IReadOnlyList<FhirEntry>>(messages.Count > 0 ? messages : [new InputError("fhir", e.Message)]);
        }
        catch (JsonException e)
        {
            return Result.Failure<IReadOnlyList<FhirEntry>>(new InputError("fhir", $"not JSON: {e.Message}"));
        }

        return Result.Success(Entries(resource));
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

    private static string ReferenceOf(Resource resource, string? fullUrl, int index) =>
        !string.IsNullOrEmpty(resource.Id) ? $"{resource.TypeName}/{resource.Id}"
        : !string.IsNullOrEmpty(fullUrl) ? fullUrl
        : $"entry[{index}] ({resource.TypeName})";
}
