using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary>
/// Turns a <see cref="ViewModel"/> into a <see cref="ViewPlan"/>: parses every FHIRPath expression once, gives each
/// column its place in the row (a select's own columns, then its nested selects', then its unionAll's, as the
/// specification orders them), and refuses duplicate column names and unionAll branches whose columns differ.
/// </summary>
internal static class ViewCompiler
{
    public static ViewPlan Compile(ViewModel view)
    {
        var constants = Constants(view.Constants);
        var columns = new List<ViewColumn>();
        var children = view.Select.Select(select => CompileSelect(select, constants, columns)).ToList();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            if (!seen.Add(column.Name))
            {
                throw new ViewDefinitionException("$.select", $"the column name '{column.Name}' is used twice; column names must be unique in a view");
            }
        }

        var root = new SelectPlan(null, false, [], children, [], Enumerable.Range(0, columns.Count).ToArray());
        var where = view.Where.Select(w => new WherePlan(FhirPathParser.Parse(w.Path, w.JsonPath, constants), w.JsonPath)).ToList();
        return new ViewPlan(view.Resource, columns, where, root);
    }

    private static Dictionary<string, Item> Constants(IReadOnlyList<ConstantModel> constants)
    {
        var result = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var constant in constants)
        {
            var type = constant.ValueType;
            var value = constant.Value;
            Item item = value.ValueKind switch
            {
                JsonValueKind.String => Item.Of(value.GetString()!, type),
                JsonValueKind.True => Item.True,
                JsonValueKind.False => Item.False,
                _ when value.TryGetInt64(out var whole) => Item.Of(whole),
                _ => Item.Of(value.GetDecimal()),
            };
            if (!result.TryAdd(constant.Name, item))
            {
                throw new ViewDefinitionException(constant.JsonPath, $"the constant '{constant.Name}' is defined twice");
            }
        }

        return result;
    }

    private static SelectPlan CompileSelect(SelectModel select, Dictionary<string, Item> constants, List<ViewColumn> columns)
    {
        var first = columns.Count;
        var iterate = select.ForEach ?? select.ForEachOrNull;
        var iteratePath = select.JsonPath + (select.ForEach is null ? ".forEachOrNull" : ".forEach");
        var iterator = iterate is null ? null : FhirPathParser.Parse(iterate, iteratePath, constants);
        var own = new List<ColumnPlan>();
        foreach (var column in select.Columns)
        {
            own.Add(new ColumnPlan(columns.Count, column.Name, FhirPathParser.Parse(column.Path, column.JsonPath + ".path", constants),
                column.Type, column.Collection, column.JsonPath));
            columns.Add(new ViewColumn(column.Name, column.Type, column.Collection));
        }

        var children = select.Select.Select(child => CompileSelect(child, constants, columns)).ToList();
        var union = CompileUnion(select, constants, columns);
        return new SelectPlan(iterator, select.ForEachOrNull is not null, own, children, union, Enumerable.Range(first, columns.Count - first).ToArray());
    }

    private static List<SelectPlan> CompileUnion(SelectModel select, Dictionary<string, Item> constants, List<ViewColumn> columns)
    {
        var branches = new List<SelectPlan>();
        List<ViewColumn>? expected = null;
        var start = columns.Count;
        for (var i = 0; i < select.UnionAll.Count; i++)
        {
            var branchColumns = columns.Take(start).ToList();
            branches.Add(CompileSelect(select.UnionAll[i], constants, branchColumns));
            var added = branchColumns.Skip(start).ToList();
            if (expected is null)
            {
                expected = added;
            }
            else if (!added.Select(c => c.Name).SequenceEqual(expected.Select(c => c.Name), StringComparer.Ordinal))
            {
                throw new ViewDefinitionException($"{select.JsonPath}.unionAll[{i}]",
                    $"columns mismatch: this branch gives ({string.Join(", ", added.Select(c => c.Name))}) but the first gives ({string.Join(", ", expected.Select(c => c.Name))}); every unionAll branch must give the same columns in the same order");
            }
        }

        columns.AddRange(expected ?? []);
        return branches;
    }
}
