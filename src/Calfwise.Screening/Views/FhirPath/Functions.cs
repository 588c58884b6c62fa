using System.Text;
using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary><c>first()</c>, <c>last()</c>, <c>count()</c>, <c>empty()</c>, <c>exists()</c> and <c>not()</c>.</summary>
internal sealed class CollectionFunction(string name) : Expr
{
    public string Name => name;

    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        switch (name)
        {
            case "first" when focus.Count > 0:
                output.Add(focus[0]);
                break;
            case "last" when focus.Count > 0:
                output.Add(focus[^1]);
                break;
            case "count":
                output.Add(Item.Of((long)focus.Count));
                break;
            case "empty":
                output.Add(focus.Count == 0 ? Item.True : Item.False);
                break;
            case "exists":
                output.Add(focus.Count > 0 ? Item.True : Item.False);
                break;
            case "not" when focus.Count == 1 && focus[0].AsBoolean() is { } value:
                output.Add(value ? Item.False : Item.True);
                break;
        }
    }
}

/// <summary><c>where(criteria)</c> and <c>exists(criteria)</c>: the items for which the criteria is true.</summary>
internal sealed class FilterFunction(Expr criteria, bool exists) : Expr
{
    public Expr Criteria => criteria;

    /// <summary>exists(criteria) rather than where(criteria).</summary>
    public bool IsExists => exists;

    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        var any = false;
        foreach (var item in focus)
        {
            if (IsTrue(context, criteria, item))
            {
                any = true;
                if (exists)
                {
                    break;
                }

                output.Add(item);
            }
        }

        if (exists)
        {
            output.Add(any ? Item.True : Item.False);
        }
    }

    /// <summary>Whether a criteria is true for one item: one true boolean (an empty result is not true).</summary>
    internal static bool IsTrue(EvalContext context, Expr criteria, in Item item)
    {
        var single = context.RentSingle(item);
        var result = context.Rent();
        criteria.Evaluate(context, single, result);
        var isTrue = result.Count == 1 && result[0].AsBoolean() == true;
        context.Return(result);
        context.Return(single);
        return isTrue;
    }
}

/// <summary><c>ofType(T)</c>: the items of FHIR type T (from a choice element's name or from the JSON value).</summary>
internal sealed class OfTypeFunction(string type) : Expr
{
    public string Type => type;

    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        foreach (var item in focus)
        {
            if (Matches(item))
            {
                output.Add(item);
            }
        }
    }

    private bool Matches(in Item item)
    {
        if (item.Type is { } known)
        {
            return MatchesKnown(known, item.IsString, type);
        }

        // Without a choice name the JSON value is all there is: a string is any string-based primitive.
        return item.Element.ValueKind switch
        {
            JsonValueKind.String => FhirTypes.IsStringLike(type),
            JsonValueKind.True or JsonValueKind.False => type == "boolean",
            JsonValueKind.Number => type == "decimal" || (FhirTypes.IsInteger(type) && item.TryGetInteger(out _)),
            JsonValueKind.Object => char.IsUpper(type[0]),
            _ => false,
        };
    }

    /// <summary>Whether an item whose type is known (a choice element's, valueQuantity is a Quantity) is of <paramref name="type"/>.</summary>
    internal static bool MatchesKnown(string known, bool isString, string type) =>
        string.Equals(known, type, StringComparison.OrdinalIgnoreCase) || (isString && known == "string" && FhirTypes.IsStringLike(type));
}

/// <summary><c>extension(url)</c>: the extensions of each item with that url.</summary>
internal sealed class ExtensionFunction(string url) : Expr
{
    private readonly byte[] _url = Encoding.UTF8.GetBytes(url);

    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        foreach (var item in focus)
        {
            if (!item.IsObject || !item.Element.TryGetProperty("extension"u8, out var extensions)
                || extensions.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var extension in extensions.EnumerateArray())
            {
                if (extension.ValueKind == JsonValueKind.Object && extension.TryGetProperty("url"u8, out var found)
                    && found.ValueKind == JsonValueKind.String && found.ValueEquals(_url))
                {
                    output.Add(Item.Node(extension, "Extension"));
                }
            }
        }
    }
}

/// <summary><c>join(separator)</c>: the string items joined (an empty string for none).</summary>
internal sealed class JoinFunction(string separator) : Expr
{
    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        if (focus.Count == 1 && focus[0].AsString() is { } only)
        {
            output.Add(Item.Of(only));
            return;
        }

        var text = new StringBuilder();
        for (var i = 0; i < focus.Count; i++)
        {
            if (i > 0)
            {
                text.Append(separator);
            }

            text.Append(focus[i].AsString());
        }

        output.Add(Item.Of(text.ToString()));
    }
}

/// <summary>
/// <c>getResourceKey()</c> and <c>getReferenceKey([type])</c>: keys that join a resource to the references to it.
/// This runner's key is the resource id, which is what a reference's last segment holds (Patient/p1, or a full URL
/// ending in Patient/p1); a reference to another type than the one asked for has no key.
/// </summary>
internal sealed class KeyFunction(bool reference, string? type) : Expr
{
    /// <summary>getReferenceKey() rather than getResourceKey().</summary>
    public bool IsReference => reference;

    public string? Type => type;

    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        foreach (var item in focus)
        {
            if (!item.IsObject)
            {
                continue;
            }

            if (!reference)
            {
                if (item.Element.TryGetProperty("id"u8, out var id) && id.ValueKind == JsonValueKind.String)
                {
                    output.Add(Item.Node(id, "id"));
                }

                continue;
            }

            if (item.Element.TryGetProperty("reference"u8, out var target) && target.ValueKind == JsonValueKind.String
                && Key(target.GetString()!, type) is { } key)
            {
                output.Add(Item.Of(key, "id"));
            }
        }
    }

    /// <summary>The key of a reference (the id in its last segment), or null when it names no resource of <paramref name="type"/>.</summary>
    internal static string? Key(string reference, string? type)
    {
        var history = reference.IndexOf("/_history/", StringComparison.Ordinal);
        var trimmed = history >= 0 ? reference[..history] : reference;
        var slash = trimmed.LastIndexOf('/');
        if (slash <= 0 || slash == trimmed.Length - 1)
        {
            return null;
        }

        var previous = trimmed.LastIndexOf('/', slash - 1);
        var referencedType = trimmed[(previous + 1)..slash];
        return type is null || referencedType == type ? trimmed[(slash + 1)..] : null;
    }

    /// <summary>
    /// <see cref="Key(string, string?)"/> on a reference's UTF-8 bytes: where its key lies in them. The same cut, as
    /// '/' is one byte in UTF-8 and never part of another character's bytes.
    /// </summary>
    internal static bool Key(ReadOnlySpan<byte> reference, byte[]? typeUtf8, out int start, out int length)
    {
        start = length = 0;
        var history = reference.IndexOf("/_history/"u8);
        var trimmed = history >= 0 ? reference[..history] : reference;
        var slash = trimmed.LastIndexOf((byte)'/');
        if (slash <= 0 || slash == trimmed.Length - 1)
        {
            return false;
        }

        var previous = trimmed[..slash].LastIndexOf((byte)'/');
        if (typeUtf8 is not null && !trimmed[(previous + 1)..slash].SequenceEqual(typeUtf8))
        {
            return false;
        }

        start = slash + 1;
        length = trimmed.Length - start;
        return true;
    }
}
