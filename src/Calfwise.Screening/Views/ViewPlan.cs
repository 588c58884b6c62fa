using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary>A compiled view: its columns in output order, its where filters and the tree of selects.</summary>
internal sealed record ViewPlan(string Resource, IReadOnlyList<ViewColumn> Columns, IReadOnlyList<WherePlan> Where, SelectPlan Root);

internal sealed record WherePlan(Expr Path, string JsonPath);

/// <summary>
/// One select: what it iterates (forEach, forEachOrNull, or the parent's focus when neither), its own columns, its
/// nested selects and its unionAll branches. <see cref="Offsets"/> lists every column it and its descendants fill, so
/// a forEachOrNull with nothing to iterate can set them all to null.
/// </summary>
internal sealed record SelectPlan(
    Expr? Iterate,
    bool OrNull,
    IReadOnlyList<ColumnPlan> Columns,
    IReadOnlyList<SelectPlan> Children,
    IReadOnlyList<SelectPlan> Union,
    IReadOnlyList<int> Offsets);

/// <summary>One column: where its cell goes in the row, its expression, and how a value becomes a cell.</summary>
internal sealed record ColumnPlan(int Offset, string Name, Expr Path, string? Type, bool Collection, string JsonPath)
{
    /// <summary>The cell for a column's result: null, one value, or an array for a collection column.</summary>
    public object? Cell(List<Item> values)
    {
        if (Collection)
        {
            var cells = new object?[values.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Value(values[i]);
            }

            return cells;
        }

        return values.Count switch
        {
            0 => null,
            1 => Value(values[0]),
            _ => throw new ViewEvaluationException(
                $"Collection value for column '{Name}' ({JsonPath}): '{values.Count}' values where one was expected; give the column \"collection\": true, or pick one value (first(), where(...))"),
        };
    }

    private object? Value(in Item item)
    {
        if (item.Value is { } made)
        {
            return made;
        }

        var element = item.Element;
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number when Type != "decimal" && element.TryGetInt64(out var whole):
                return whole;
            case JsonValueKind.Number:
                return element.GetDecimal();
            default:
                throw new ViewEvaluationException(
                    $"column '{Name}' ({JsonPath}) yields a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not a primitive value; select a primitive element, such as code or value");
        }
    }
}
