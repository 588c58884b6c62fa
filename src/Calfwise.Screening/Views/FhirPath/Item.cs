using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary>
/// One value of a FHIRPath collection: a node of the resource being read (no copy is made) or a value an expression
/// made (a literal, a constant, a sum). <see cref="Type"/> is the FHIR type when it is known: from a choice
/// element's name (valueQuantity) or from what made the value.
/// </summary>
internal readonly struct Item
{
    private Item(JsonElement element, object? value, string? type)
    {
        Element = element;
        Value = value;
        Type = type;
    }

    /// <summary>The resource node; only meaningful when <see cref="Value"/> is null.</summary>
    public JsonElement Element { get; }

    /// <summary>A made value: string, long, decimal or bool.</summary>
    public object? Value { get; }

    public string? Type { get; }

    public bool IsNode => Value is null;

    public static Item Node(JsonElement element, string? type) => new(element, null, type);

    public static Item Of(string value, string type = "string") => new(default, value, type);

    public static Item Of(long value) => new(default, value, "integer");

    public static Item Of(decimal value) => new(default, value, "decimal");

    public static Item Of(bool value) => new(default, value, "boolean");

    public static readonly Item True = Of(true);

    public static readonly Item False = Of(false);

    public bool IsObject => IsNode && Element.ValueKind == JsonValueKind.Object;

    /// <summary>The boolean this item is, or null when it is not a boolean.</summary>
    public bool? AsBoolean() => Value switch
    {
        bool value => value,
        null when Element.ValueKind == JsonValueKind.True => true,
        null when Element.ValueKind == JsonValueKind.False => false,
        _ => null,
    };

    public bool IsString => Value is string || (IsNode && Element.ValueKind == JsonValueKind.String);

    public bool IsNumber => Value is long or decimal || (IsNode && Element.ValueKind == JsonValueKind.Number);

    /// <summary>The text of a string item (allocates for a resource node); null when it is not a string.</summary>
    public string? AsString() => Value switch
    {
        string value => value,
        null when Element.ValueKind == JsonValueKind.String => Element.GetString(),
        _ => null,
    };

    /// <summary>A number as decimal; false when the item is not a number.</summary>
    public bool TryGetDecimal(out decimal value)
    {
        switch (Value)
        {
            case long whole:
                value = whole;
                return true;
            case decimal fraction:
                value = fraction;
                return true;
            case null when Element.ValueKind == JsonValueKind.Number:
                return Element.TryGetDecimal(out value);
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>A whole number; false when the item is not one (1.0 in JSON is a decimal, as in FHIR).</summary>
    public bool TryGetInteger(out long value)
    {
        switch (Value)
        {
            case long whole:
                value = whole;
                return true;
            case null when Element.ValueKind == JsonValueKind.Number:
                return Element.TryGetInt64(out value);
            default:
                value = 0;
                return false;
        }
    }
}
