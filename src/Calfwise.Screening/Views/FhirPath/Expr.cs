using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary>
/// A compiled FHIRPath expression: parsed once when the view is compiled, then evaluated for every resource by
/// appending its result for a focus collection to an output collection (no intermediate arrays, no boxing of nodes).
/// </summary>
internal abstract class Expr
{
    public abstract void Evaluate(EvalContext context, List<Item> focus, List<Item> output);

    /// <summary>Whether the expression is a bare name (a member or type name such as Quantity), and which.</summary>
    public virtual string? AsName() => null;
}

/// <summary><c>$this</c>: the focus itself.</summary>
internal sealed class ThisExpr : Expr
{
    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output) => output.AddRange(focus);
}

/// <summary><c>%resource</c> and <c>%rootResource</c>: the resource being read, whatever the focus.</summary>
internal sealed class ResourceExpr : Expr
{
    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output) =>
        output.Add(Item.Node(context.Resource, null));
}

/// <summary>A literal or a view constant: the same value whatever the focus.</summary>
internal sealed class LiteralExpr(Item value) : Expr
{
    public Item Value { get; } = value;

    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output) => output.Add(Value);
}

/// <summary><c>{}</c>: the empty collection.</summary>
internal sealed class EmptyExpr : Expr
{
    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
    }
}

/// <summary>
/// A member name: each focus node's child of that name, arrays flattened. A choice element is found by its base name
/// too (value finds valueQuantity and remembers the type), and a resource type name at the start of a path
/// (Patient.name) stands for the resource itself.
/// </summary>
internal sealed class MemberExpr(string name) : Expr
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(name);

    public string Name { get; } = name;

    public override string? AsName() => Name;

    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        foreach (var item in focus)
        {
            if (!item.IsObject)
            {
                continue;
            }

            if (item.Element.TryGetProperty(_utf8, out var child))
            {
                AddFlattened(child, null, output);
            }
            else if (!FindChoice(item.Element, output) && char.IsUpper(Name[0])
                && item.Element.TryGetProperty("resourceType"u8, out var type) && type.ValueEquals(_utf8))
            {
                output.Add(item);
            }
        }
    }

    private bool FindChoice(JsonElement element, List<Item> output)
    {
        foreach (var property in element.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Length > _utf8.Length && raw.StartsWith(_utf8) && raw[_utf8.Length] is >= (byte)'A' and <= (byte)'Z'
                && FhirTypes.FromSuffix(raw[_utf8.Length..]) is { } type)
            {
                AddFlattened(property.Value, type, output);
                return true;
            }
        }

        return false;
    }

    internal static void AddFlattened(JsonElement child, string? type, List<Item> output)
    {
        switch (child.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var element in child.EnumerateArray())
                {
                    if (element.ValueKind != JsonValueKind.Null)
                    {
                        output.Add(Item.Node(element, type));
                    }
                }

                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                output.Add(Item.Node(child, type));
                break;
        }
    }
}

/// <summary><c>a.b</c>: the right side evaluated on the left side's result.</summary>
internal sealed class PathExpr(Expr left, Expr right) : Expr
{
    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    /// <summary>FHIR.Quantity and System.String name a type: the last part is the name.</summary>
    public override string? AsName() => Left.AsName() is "FHIR" or "System" ? Right.AsName() : null;

    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        var middle = context.Rent();
        Left.Evaluate(context, focus, middle);
        Right.Evaluate(context, middle, output);
        context.Return(middle);
    }
}

/// <summary><c>a[n]</c>: the n-th item (from 0) of a, or nothing when there are fewer.</summary>
internal sealed class IndexExpr(Expr source, Expr index) : Expr
{
    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        var items = context.Rent();
        var position = context.Rent();
        source.Evaluate(context, focus, items);
        index.Evaluate(context, focus, position);
        if (position.Count == 1 && position[0].TryGetInteger(out var n) && n >= 0 && n < items.Count)
        {
            output.Add(items[(int)n]);
        }

        context.Return(position);
        context.Return(items);
    }
}
