using System.Text.Json;
using System.Text.RegularExpressions;

namespace Calfwise.Screening.Views;

/// <summary>
/// Reads the JSON of a ViewDefinition into <see cref="ViewModel"/>, checking the structure the specification's
/// StructureDefinition gives (required elements, their JSON types, names that are SQL-safe) and naming the JSON path
/// of every fault. Elements this runner does not use (title, description, tags, profiles) are ignored as the
/// specification allows; elements it cannot honour (repeat) are refused rather than silently dropped.
/// </summary>
internal static partial class ViewDefinitionReader
{
    /// <summary>A view is a few kilobytes; a megabyte is far beyond any real one and bounds what is parsed.</summary>
    public const int MaxViewLength = 1024 * 1024;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex SqlName();

    [GeneratedRegex("^[A-Z][A-Za-z]+$")]
    private static partial Regex ResourceName();

    public static ViewModel Read(string json)
    {
        if (json.Length > MaxViewLength)
        {
            throw new ViewDefinitionException("$", $"the view is {json.Length} characters; at most {MaxViewLength} are accepted");
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            return ReadView(document.RootElement);
        }
        catch (JsonException error)
        {
            throw new ViewDefinitionException("$", $"not valid JSON ({error.Message})");
        }
    }

    private static ViewModel ReadView(JsonElement view)
    {
        RequireKind(view, JsonValueKind.Object, "$", "a JSON object (a ViewDefinition resource)");
        if (OptionalString(view, "resourceType", "$") is { } type && type != "ViewDefinition")
        {
            throw new ViewDefinitionException("$.resourceType", $"is '{type}'; a view has resourceType ViewDefinition");
        }

        var resource = OptionalString(view, "resource", "$")
            ?? throw new ViewDefinitionException("$.resource", "is missing; name the FHIR resource type the view reads, such as \"Patient\"");
        if (!ResourceName().IsMatch(resource))
        {
            throw new ViewDefinitionException("$.resource", $"'{resource}' is not a FHIR resource type name (letters, starting with a capital)");
        }

        var name = OptionalString(view, "name", "$");
        if (name is not null && !SqlName().IsMatch(name))
        {
            throw new ViewDefinitionException("$.name", $"'{name}' is not usable as a table name: letters, digits and _, starting with a letter");
        }

        var constants = ReadArray(view, "constant", "$", ReadConstant);
        var select = ReadArray(view, "select", "$", ReadSelect);
        if (select.Count == 0)
        {
            throw new ViewDefinitionException("$.select", "is missing or empty; a view needs at least one select with columns");
        }

        var where = ReadArray(view, "where", "$", (element, path) =>
        {
            RequireKind(element, JsonValueKind.Object, path, "an object with a path");
            var wherePath = OptionalString(element, "path", path)
                ?? throw new ViewDefinitionException(path + ".path", "is missing; a where needs a FHIRPath expression that is true for the rows to keep");
            return new WhereModel(wherePath, path + ".path");
        });
        return new ViewModel(name, resource, OptionalString(view, "status", "$"), constants, select, where);
    }

    private static ConstantModel ReadConstant(JsonElement element, string path)
    {
        RequireKind(element, JsonValueKind.Object, path, "an object with a name and one value[x]");
        var name = OptionalString(element, "name", path)
            ?? throw new ViewDefinitionException(path + ".name", "is missing; a constant is used as %name");
        if (!SqlName().IsMatch(name))
        {
            throw new ViewDefinitionException(path + ".name", $"'{name}' is not a constant name: letters, digits and _, starting with a letter");
        }

        JsonProperty? value = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.StartsWith("value", StringComparison.Ordinal) && property.Name.Length > 5)
            {
                if (value is not null)
                {
                    throw new ViewDefinitionException(path, $"has both {value.Value.Name} and {property.Name}; a constant has one value[x]");
                }

                value = property;
            }
        }

        if (value is not { } found)
        {
            throw new ViewDefinitionException(path, $"constant '{name}' has no value[x]; give one, such as valueString, valueCode, valueInteger, valueDecimal, valueBoolean or valueDate");
        }

        var valueType = FhirTypes.Find(found.Name[5..]);
        if (valueType is null || !FhirTypes.IsPrimitive(valueType))
        {
            throw new ViewDefinitionException($"{path}.{found.Name}", $"is not a primitive type; a constant is one of {FhirTypes.PrimitiveList}");
        }

        if (found.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
        {
            throw new ViewDefinitionException($"{path}.{found.Name}", "must be a JSON string, number or boolean");
        }

        return new ConstantModel(name, found.Value.Clone(), valueType, $"{path}.{found.Name}");
    }

    private static SelectModel ReadSelect(JsonElement element, string path)
    {
        RequireKind(element, JsonValueKind.Object, path, "an object with column, select, forEach, forEachOrNull or unionAll");
        if (element.TryGetProperty("repeat", out _))
        {
            throw new ViewDefinitionException(path + ".repeat", "is not supported by this runner (it is not in the shareable profile); use forEach over the levels you need");
        }

        var forEach = OptionalString(element, "forEach", path);
        var forEachOrNull = OptionalString(element, "forEachOrNull", path);
        if (forEach is not null && forEachOrNull is not null)
        {
            throw new ViewDefinitionException(path, "has both forEach and forEachOrNull; a select iterates one way");
        }

        var columns = ReadArray(element, "column", path, ReadColumn);
        var select = ReadArray(element, "select", path, ReadSelect);
        var unionAll = ReadArray(element, "unionAll", path, ReadSelect);
        if (columns.Count == 0 && select.Count == 0 && unionAll.Count == 0)
        {
            throw new ViewDefinitionException(path, "has no column, select or unionAll; it would add nothing to a row");
        }

        return new SelectModel(path, forEach, forEachOrNull, columns, select, unionAll);
    }

    private static ColumnModel ReadColumn(JsonElement element, string path)
    {
        RequireKind(element, JsonValueKind.Object, path, "an object with a name and a path");
        var name = OptionalString(element, "name", path)
            ?? throw new ViewDefinitionException(path + ".name", "is missing; every column needs a name");
        if (!SqlName().IsMatch(name))
        {
            throw new ViewDefinitionException(path + ".name", $"'{name}' is not a column name: letters, digits and _, starting with a letter");
        }

        var columnPath = OptionalString(element, "path", path)
            ?? throw new ViewDefinitionException(path + ".path", $"is missing; column '{name}' needs a FHIRPath expression");
        var type = OptionalString(element, "type", path);
        if (type is not null && !FhirTypes.IsPrimitive(type))
        {
            throw new ViewDefinitionException(path + ".type", $"'{type}' is not a FHIR primitive type; one of {FhirTypes.PrimitiveList}");
        }

        var collection = false;
        if (element.TryGetProperty("collection", out var flag))
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new ViewDefinitionException(path + ".collection", "must be true or false");
            }

            collection = flag.ValueKind == JsonValueKind.True;
        }

        return new ColumnModel(name, columnPath, type, collection, path);
    }

    private static List<T> ReadArray<T>(JsonElement parent, string property, string parentPath, Func<JsonElement, string, T> read)
    {
        var result = new List<T>();
        if (!parent.TryGetProperty(property, out var array))
        {
            return result;
        }

        var path = $"{parentPath}.{property}";
        RequireKind(array, JsonValueKind.Array, path, "an array");
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            result.Add(read(item, $"{path}[{index++}]"));
        }

        return result;
    }

    private static string? OptionalString(JsonElement parent, string property, string parentPath)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        RequireKind(value, JsonValueKind.String, $"{parentPath}.{property}", "a string");
        return value.GetString();
    }

    private static void RequireKind(JsonElement element, JsonValueKind kind, string path, string accepted)
    {
        if (element.ValueKind != kind)
        {
            throw new ViewDefinitionException(path, $"is a JSON {element.ValueKind.ToString().ToLowerInvariant()}; expected {accepted}");
        }
    }
}
