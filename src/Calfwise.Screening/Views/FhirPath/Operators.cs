using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary>An operator on two collections, each evaluated on the same focus.</summary>
internal abstract class BinaryExpr(Expr left, Expr right) : Expr
{
    public Expr LeftOperand => left;

    public Expr RightOperand => right;

    public sealed override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        var a = context.Rent();
        var b = context.Rent();
        left.Evaluate(context, focus, a);
        right.Evaluate(context, focus, b);
        Combine(a, b, output);
        context.Return(b);
        context.Return(a);
    }

    protected abstract void Combine(List<Item> a, List<Item> b, List<Item> output);
}

/// <summary><c>=</c> and <c>!=</c>: empty when either side is empty, else item by item.</summary>
internal sealed class EqualityExpr(Expr left, Expr right, bool negate) : BinaryExpr(left, right)
{
    /// <summary>!= rather than =.</summary>
    public bool Negate => negate;

    protected override void Combine(List<Item> a, List<Item> b, List<Item> output)
    {
        if (a.Count > 0 && b.Count > 0)
        {
            var equal = a.Count == b.Count;
            for (var i = 0; equal && i < a.Count; i++)
            {
                equal = AreEqual(a[i], b[i]);
            }

            output.Add(equal != negate ? Item.True : Item.False);
        }
    }

    internal static bool AreEqual(in Item x, in Item y)
    {
        if (x.IsString && y.IsString)
        {
            return (x.Value, y.Value) switch
            {
                (string s, string t) => string.Equals(s, t, StringComparison.Ordinal),
                (string s, null) => y.Element.ValueEquals(s),
                (null, string t) => x.Element.ValueEquals(t),
                _ => x.Element.ValueEquals(y.Element.GetString()),
            };
        }

        if (x.TryGetDecimal(out var m) && y.TryGetDecimal(out var n))
        {
            return m == n;
        }

        if (x.AsBoolean() is { } p && y.AsBoolean() is { } q)
        {
            return p == q;
        }

        return x.IsNode && y.IsNode && x.Element.ValueKind == JsonValueKind.Object && JsonElement.DeepEquals(x.Element, y.Element);
    }
}

/// <summary><c>&lt; &lt;= &gt; &gt;=</c> on numbers, and on strings, dates and times by their text.</summary>
internal sealed class ComparisonExpr(Expr left, Expr right, string op) : BinaryExpr(left, right)
{
    protected override void Combine(List<Item> a, List<Item> b, List<Item> output)
    {
        if (a.Count == 1 && b.Count == 1 && Compare(a[0], b[0]) is { } order)
        {
            var result = op switch
            {
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                _ => order >= 0,
            };
            output.Add(result ? Item.True : Item.False);
        }
        else if (a.Count > 1 || b.Count > 1)
        {
            throw new ViewEvaluationException($"'{op}' compares single values, but one side has {Math.Max(a.Count, b.Count)}");
        }
    }

    private static int? Compare(in Item x, in Item y)
    {
        if (x.TryGetDecimal(out var m) && y.TryGetDecimal(out var n))
        {
            return m.CompareTo(n);
        }

        return x.AsString() is { } s && y.AsString() is { } t ? string.CompareOrdinal(s, t) : null;
    }
}

/// <summary><c>+ - * / div mod &amp;</c>: integers stay integers except under /, strings join under + and &amp;.</summary>
internal sealed class ArithmeticExpr(Expr left, Expr right, string op) : BinaryExpr(left, right)
{
    protected override void Combine(List<Item> a, List<Item> b, List<Item> output)
    {
        if (a.Count > 1 || b.Count > 1)
        {
            throw new ViewEvaluationException($"'{op}' works on single values, but one side has {Math.Max(a.Count, b.Count)}");
        }

        if (op == "&")
        {
            output.Add(Item.Of((a.Count == 1 ? a[0].AsString() : "") + (b.Count == 1 ? b[0].AsString() : "")));
        }
        else if (a.Count == 1 && b.Count == 1 && Calculate(a[0], b[0]) is { } result)
        {
            output.Add(result);
        }
    }

    private Item? Calculate(in Item x, in Item y)
    {
        if (op == "+" && x.AsString() is { } s && y.AsString() is { } t)
        {
            return Item.Of(s + t);
        }

        if (x.TryGetInteger(out var i) && y.TryGetInteger(out var j) && op != "/")
        {
            return op switch
            {
                "+" => Item.Of(i + j),
                "-" => Item.Of(i - j),
                "*" => Item.Of(i * j),
                "div" when j != 0 => Item.Of(i / j),
                "mod" when j != 0 => Item.Of(i % j),
                _ => null,
            };
        }

        if (x.TryGetDecimal(out var m) && y.TryGetDecimal(out var n))
        {
            return op switch
            {
                "+" => Item.Of(m + n),
                "-" => Item.Of(m - n),
                "*" => Item.Of(m * n),
                "/" when n != 0 => Item.Of(m / n),
                "div" when n != 0 => Item.Of(decimal.Truncate(m / n)),
                "mod" when n != 0 => Item.Of(m % n),
                _ => null,
            };
        }

        return null;
    }
}

/// <summary>Unary minus.</summary>
internal sealed class NegateExpr(Expr operand) : Expr
{
    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        var a = context.Rent();
        operand.Evaluate(context, focus, a);
        if (a.Count == 1 && a[0].TryGetInteger(out var whole))
        {
            output.Add(Item.Of(-whole));
        }
        else if (a.Count == 1 && a[0].TryGetDecimal(out var number))
        {
            output.Add(Item.Of(-number));
        }

        context.Return(a);
    }
}

/// <summary><c>a | b</c>: both collections, duplicates removed as FHIRPath's union does.</summary>
internal sealed class UnionExpr(Expr left, Expr right) : Expr
{
    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        var all = context.Rent();
        left.Evaluate(context, focus, all);
        right.Evaluate(context, focus, all);
        foreach (var item in all)
        {
            if (!output.Exists(seen => EqualityExpr.AreEqual(seen, item)))
            {
                output.Add(item);
            }
        }

        context.Return(all);
    }
}

/// <summary>
/// <c>and or xor implies</c> with FHIRPath's three-valued logic: empty is unknown, one boolean is itself, one other
/// value counts as true, and more than one value is an error.
/// </summary>
internal sealed class LogicExpr(Expr left, Expr right, string op) : Expr
{
    public Expr LeftOperand => left;

    public Expr RightOperand => right;

    public string Op => op;

    public override void Evaluate(EvalContext context, List<Item> focus, List<Item> output)
    {
        var p = Truth(context, left, focus);
        var q = Truth(context, right, focus);
        bool? result = op switch
        {
            "and" => p == false || q == false ? false : p == true && q == true ? true : null,
            "or" => p == true || q == true ? true : p == false && q == false ? false : null,
            "xor" => p is { } x && q is { } y ? x != y : null,
            _ => p == false || q == true ? true : p == true && q == false ? false : null,
        };
        if (result is { } value)
        {
            output.Add(value ? Item.True : Item.False);
        }
    }

    private bool? Truth(EvalContext context, Expr operand, List<Item> focus)
    {
        var result = context.Rent();
        operand.Evaluate(context, focus, result);
        bool? truth = result.Count switch
        {
            0 => null,
            1 => result[0].AsBoolean() ?? true,
            _ => throw new ViewEvaluationException($"'{op}' needs single values, but one side has {result.Count}"),
        };
        context.Return(result);
        return truth;
    }
}
