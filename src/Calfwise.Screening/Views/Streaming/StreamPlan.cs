using System.Text;

namespace Calfwise.Screening.Views;

/// <summary>
/// A property a streaming view reads, with the properties it reads inside it: the tree of every path of the view
/// (code.coding.system and code.coding.code share code and coding). A choice node (value in value.ofType(Quantity))
/// stands for the element whichever type its JSON name carries (valueQuantity, valueString).
/// </summary>
internal sealed class StreamNode(string name, bool choice, int index)
{
    public string Name { get; } = name;

    public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(name);

    public bool Choice { get; } = choice;

    /// <summary>The node's place among its parent's children (its bit in the parent's mask of properties seen).</summary>
    public int Index { get; } = index;

    public List<StreamNode> Children { get; } = [];

    /// <summary>The children by the first letter of their names (index 0 for a; null: none), to pass over most other properties at once.</summary>
    public StreamNode[]?[] ByLetter { get; } = new StreamNode[]?[26];

    public StreamNode Child(string name, bool choice)
    {
        if (name == "resourceType" || name.Length == 0 || name[0] is < 'a' or > 'z')
        {
            throw new NotStreamableException($"the member '{name}'");
        }

        foreach (var child in Children)
        {
            if (child.Name == name)
            {
                return child.Choice == choice ? child : throw new NotStreamableException($"'{name}' read both as a choice and as a member");
            }
        }

        if (Children.Count == 64)
        {
            throw new NotStreamableException("more than 64 members of one element");
        }

        var added = new StreamNode(name, choice, Children.Count);
        Children.Add(added);
        ref var letter = ref ByLetter[name[0] - 'a'];
        letter = [.. letter ?? [], added];
        return added;
    }
}

internal enum StreamStepKind
{
    /// <summary>A member: each object's child of that name, arrays flattened.</summary>
    Member,
    /// <summary>member.ofType(T): the choice element when its type is T.</summary>
    Choice,
    /// <summary>where(m = 'a' or m = 'b'): the objects whose member m is one string equal to one of the values.</summary>
    Where,
    /// <summary>first().</summary>
    First,
}

internal sealed record StreamStep(StreamStepKind Kind, StreamNode? Node = null, string? Type = null, string[]? Values = null)
{
    public byte[][] Utf8Values { get; } = Values?.Select(Encoding.UTF8.GetBytes).ToArray() ?? [];
}

internal enum StreamEnd
{
    /// <summary>The nodes the steps reach.</summary>
    Nodes,
    /// <summary>exists(): whether the steps reach any node.</summary>
    Exists,
    /// <summary>getResourceKey(): each object's id.</summary>
    ResourceKey,
    /// <summary>getReferenceKey([type]): the id each object's reference names.</summary>
    ReferenceKey,
}

/// <summary>One FHIRPath expression as steps over the tree of <see cref="StreamNode"/>s.</summary>
internal sealed record StreamPath(StreamStep[] Steps, StreamEnd End, StreamNode? Key, string? KeyType)
{
    public byte[]? KeyTypeUtf8 { get; } = KeyType is null ? null : Encoding.UTF8.GetBytes(KeyType);
}

internal sealed record StreamColumn(int Offset, StreamPath Path, ColumnPlan Plan);

/// <summary>One select of the view's top level: what it iterates (null: the resource) and its columns.</summary>
internal sealed record StreamSelect(StreamPath? Iterate, bool OrNull, StreamColumn[] Columns);

/// <summary>
/// A view compiled for <see cref="StreamingView"/>: the tree of properties it reads, its where paths and its
/// top-level selects. Only views whose every path is simple compile (member paths, member.ofType(T),
/// where(member = constant or ...), first(), exists(), getResourceKey(), getReferenceKey(), top-level selects with
/// forEach or forEachOrNull, no nesting, no unionAll, no collection columns); the others run on the general evaluator.
/// </summary>
internal sealed class StreamPlan
{
    private StreamPlan(string resource, int width, StreamNode root, StreamPath[] where, StreamSelect[] selects)
    {
        Resource = Encoding.UTF8.GetBytes(resource);
        Width = width;
        Root = root;
        Where = where;
        Selects = selects;
    }

    public byte[] Resource { get; }

    public int Width { get; }

    public StreamNode Root { get; }

    public StreamPath[] Where { get; }

    public StreamSelect[] Selects { get; }

    /// <summary>The streaming form of a view, or null when a path of it is not one the streaming reader runs.</summary>
    public static StreamPlan? TryCompile(ViewPlan plan)
    {
        try
        {
            var root = new StreamNode("", choice: false, 0);
            var top = plan.Root;
            if (top.Iterate is not null || top.Columns.Count > 0 || top.Union.Count > 0)
            {
                return null;
            }

            var where = plan.Where.Select(w => Path(w.Path, root, out _)).ToArray();
            if (where.Any(w => w.End != StreamEnd.Exists))
            {
                return null;
            }

            var selects = top.Children.Select(select => Select(select, root)).ToArray();
            return new StreamPlan(plan.Resource, plan.Columns.Count, root, where, selects);
        }
        catch (NotStreamableException)
        {
            return null;
        }
    }

    private static StreamSelect Select(SelectPlan select, StreamNode root)
    {
        if (select.Children.Count > 0 || select.Union.Count > 0)
        {
            throw new NotStreamableException("a nested select or unionAll");
        }

        var focus = root;
        StreamPath? iterate = null;
        if (select.Iterate is not null)
        {
            iterate = Path(select.Iterate, root, out focus);
            if (iterate.End != StreamEnd.Nodes)
            {
                throw new NotStreamableException("a forEach that is not a path to elements");
            }
        }

        var columns = select.Columns.Select(column => column.Collection
            ? throw new NotStreamableException("a collection column")
            : new StreamColumn(column.Offset, Path(column.Path, focus, out _), column)).ToArray();
        return new StreamSelect(iterate, select.OrNull, columns);
    }

    /// <summary>The steps of one expression from <paramref name="start"/>, and the node they end on.</summary>
    private static StreamPath Path(Expr expression, StreamNode start, out StreamNode end)
    {
        var parts = new List<Expr>();
        Flatten(expression, parts);
        var steps = new List<StreamStep>();
        end = start;
        for (var i = 0; i < parts.Count; i++)
        {
            var last = i == parts.Count - 1;
            switch (parts[i])
            {
                case MemberExpr member when i + 1 < parts.Count && parts[i + 1] is OfTypeFunction ofType:
                    end = end.Child(member.Name, choice: true);
                    steps.Add(new StreamStep(StreamStepKind.Choice, end, ofType.Type));
                    i++;
                    break;
                case MemberExpr member:
                    end = end.Child(member.Name, choice: false);
                    steps.Add(new StreamStep(StreamStepKind.Member, end));
                    break;
                case FilterFunction filter when !filter.IsExists || last:
                    var (name, values) = Criteria(filter.Criteria);
                    steps.Add(new StreamStep(StreamStepKind.Where, end.Child(name, choice: false), Values: values));
                    if (filter.IsExists)
                    {
                        return new StreamPath([.. steps], StreamEnd.Exists, null, null);
                    }

                    break;
                case CollectionFunction { Name: "first" }:
                    steps.Add(new StreamStep(StreamStepKind.First));
                    break;
                case CollectionFunction { Name: "exists" } when last:
                    return new StreamPath([.. steps], StreamEnd.Exists, null, null);
                case KeyFunction key when last:
                    return new StreamPath([.. steps], key.IsReference ? StreamEnd.ReferenceKey : StreamEnd.ResourceKey,
                        end.Child(key.IsReference ? "reference" : "id", choice: false), key.Type);
                default:
                    throw new NotStreamableException($"the expression part {parts[i].GetType().Name}");
            }
        }

        return new StreamPath([.. steps], StreamEnd.Nodes, null, null);
    }

    private static void Flatten(Expr expression, List<Expr> parts)
    {
        if (expression is PathExpr path)
        {
            Flatten(path.Left, parts);
            Flatten(path.Right, parts);
            return;
        }

        parts.Add(expression);
    }

    /// <summary>The member and the strings of <c>m = %a or m = %b ...</c>.</summary>
    private static (string Name, string[] Values) Criteria(Expr criteria)
    {
        switch (criteria)
        {
            case EqualityExpr { Negate: false, LeftOperand: MemberExpr member, RightOperand: LiteralExpr { Value.Value: string value } }:
                return (member.Name, [value]);
            case LogicExpr { Op: "or" } or:
                var (left, a) = Criteria(or.LeftOperand);
                var (right, b) = Criteria(or.RightOperand);
                return left == right ? (left, [.. a, .. b]) : throw new NotStreamableException("a where on two members");
            default:
                throw new NotStreamableException("a where that is not member = constant");
        }
    }
}

/// <summary>A view path the streaming reader does not run (the view runs on the general evaluator).</summary>
internal sealed class NotStreamableException(string what) : Exception($"not streamable: {what}");
