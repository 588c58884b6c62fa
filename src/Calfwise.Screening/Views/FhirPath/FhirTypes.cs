using System.Collections.Frozen;
using System.Text;

namespace Calfwise.Screening.Views;

/// <summary>
/// The FHIR type names the runner knows without a FHIR model: the primitive types (for column types, constants and
/// ofType) and the complex data types that appear as value[x] choices. A choice element's JSON name carries its type
/// (valueQuantity is a Quantity), which is all ofType needs.
/// </summary>
internal static class FhirTypes
{
    private static readonly string[] Primitives =
    [
        "base64Binary", "boolean", "canonical", "code", "date", "dateTime", "decimal", "id", "instant", "integer",
        "integer64", "markdown", "oid", "positiveInt", "string", "time", "unsignedInt", "uri", "url", "uuid",
    ];

    private static readonly string[] Complex =
    [
        "Address", "Age", "Annotation", "Attachment", "CodeableConcept", "CodeableReference", "Coding", "ContactDetail",
        "ContactPoint", "Contributor", "Count", "DataRequirement", "Distance", "Dosage", "Duration", "Expression",
        "Extension", "HumanName", "Identifier", "Meta", "Money", "Narrative", "ParameterDefinition", "Period",
        "Quantity", "Range", "Ratio", "RatioRange", "Reference", "RelatedArtifact", "SampledData", "Signature",
        "Timing", "TriggerDefinition", "UsageContext", "Availability", "ExtendedContactDetail", "BackboneElement",
        "Element", "Resource",
    ];

    private static readonly FrozenDictionary<string, string> ByName = Primitives.Concat(Complex)
        .ToFrozenDictionary(name => name, name => name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Each type's name as UTF-8, to read a choice element's suffix without making a string.</summary>
    private static readonly (byte[] Utf8, string Name)[] Suffixes = Primitives.Concat(Complex)
        .Select(name => (Encoding.UTF8.GetBytes(char.ToUpperInvariant(name[0]) + name[1..]), name))
        .ToArray();

    private static readonly FrozenSet<string> StringLike = new[]
    {
        "base64Binary", "canonical", "code", "date", "dateTime", "id", "instant", "markdown", "oid", "string", "time",
        "uri", "url", "uuid",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static string PrimitiveList { get; } = string.Join(", ", Primitives);

    public static bool IsPrimitive(string name) => Primitives.Contains(name, StringComparer.Ordinal);

    /// <summary>The canonical spelling of a type name (ofType(Instant) is instant), or null for an unknown type.</summary>
    public static string? Find(string name)
    {
        var bare = name.StartsWith("FHIR.", StringComparison.Ordinal) || name.StartsWith("System.", StringComparison.Ordinal)
            ? name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..]
            : name;
        return ByName.TryGetValue(bare, out var canonical) ? canonical : null;
    }

    /// <summary>The type named by a choice element's suffix (Quantity in valueQuantity), or null if it names none.</summary>
    public static string? FromSuffix(ReadOnlySpan<byte> suffix)
    {
        foreach (var (utf8, name) in Suffixes)
        {
            if (suffix.Length == utf8.Length && suffix.SequenceEqual(utf8))
            {
                return name;
            }
        }

        return null;
    }

    public static bool IsStringLike(string type) => StringLike.Contains(type);

    public static bool IsInteger(string type) => type is "integer" or "positiveInt" or "unsignedInt" or "integer64";
}
