using System.Text;
using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary>
/// A ViewDefinition ready to flatten resources: compiled once (every FHIRPath expression parsed into evaluators),
/// then run over each resource of an export. A run reads the resource where it lies (no copies), reuses one
/// thread's scratch collections, and allocates only the rows it appends. Safe to run from several threads at once.
/// </summary>
public sealed class CompiledView
{
    [ThreadStatic]
    private static RunState? _state;

    private readonly ViewPlan _plan;
    private readonly byte[] _resourceUtf8;
    private readonly StreamingView? _streaming;

    private CompiledView(ViewPlan plan)
    {
        _plan = plan;
        _resourceUtf8 = Encoding.UTF8.GetBytes(plan.Resource);
        _streaming = StreamPlan.TryCompile(plan) is { } streaming ? new StreamingView(streaming) : null;
    }

    /// <summary>Whether every path of the view is simple enough to run straight off a resource's UTF-8 bytes (<c>TryRun</c>).</summary>
    public bool Streams => _streaming is not null;

    /// <summary>
    /// The rows of one resource read straight off its UTF-8 bytes, without a <see cref="JsonDocument"/>: exactly the
    /// rows <see cref="Run"/> gives, or false (nothing appended) when the view does not stream or the resource needs
    /// the general evaluator (anything unusual: see <see cref="StreamCapture"/>; a resource of another type, or not
    /// JSON, is false too). A column whose <paramref name="filled"/> entry is false is left null, its string not made.
    /// </summary>
    public bool TryRun(ReadOnlySpan<byte> resource, List<object?[]> rows, bool[]? filled = null) =>
        _streaming is not null && _streaming.TryRun(resource, rows, filled);

    /// <summary>
    /// The same rows as cells that point into <paramref name="resource"/>, no string made (<paramref name="rows"/>
    /// is cleared first and reused; a reader of one thread keeps one). False, and no rows, as for the other overload.
    /// </summary>
    internal bool TryRun(ReadOnlySpan<byte> resource, StreamRows rows)
    {
        if (_streaming is null)
        {
            rows.Clear();
            return false;
        }

        return _streaming.TryRun(resource, rows);
    }

    /// <summary>The FHIR resource type the view reads; other resources give no rows.</summary>
    public string Resource => _plan.Resource;

    /// <summary>The columns of every row, in order; a row's cell i is column i.</summary>
    public IReadOnlyList<ViewColumn> Columns => _plan.Columns;

    public static CompiledView Compile(ViewDefinition view) => new(view.Plan);

    /// <summary>
    /// Appends the rows of one resource to <paramref name="rows"/> (none when it is of another type or fails a where).
    /// Cells: string for string-like types (dates exactly as written), long for integers, decimal, bool, null for
    /// nothing, and object?[] for a collection column. Throws <see cref="ViewEvaluationException"/> when the
    /// resource breaks the view's promises (several values for a single-valued column, a where that is not boolean).
    /// </summary>
    public void Run(JsonElement resource, List<object?[]> rows)
    {
        if (resource.ValueKind != JsonValueKind.Object || !resource.TryGetProperty("resourceType"u8, out var type)
            || type.ValueKind != JsonValueKind.String || !type.ValueEquals(_resourceUtf8))
        {
            return;
        }

        var state = _state ??= new RunState();
        state.Start(resource, _plan.Columns.Count, rows);
        var focus = state.Context.RentSingle(Item.Node(resource, _plan.Resource));
        try
        {
            if (PassesWhere(state.Context, focus))
            {
                Expand(state, _plan.Root, focus[0]);
            }
        }
        finally
        {
            state.Context.Return(focus);
        }
    }

    private bool PassesWhere(EvalContext context, List<Item> focus)
    {
        foreach (var where in _plan.Where)
        {
            var result = context.Rent();
            try
            {
                where.Path.Evaluate(context, focus, result);
                if (result.Count == 0)
                {
                    return false;
                }

                if (result.Count > 1 || result[0].AsBoolean() is not { } keep)
                {
                    throw new ViewEvaluationException($"the where path at {where.JsonPath} must give true, false or nothing, but gave {Describe(result)}");
                }

                if (!keep)
                {
                    return false;
                }
            }
            finally
            {
                context.Return(result);
            }
        }

        return true;
    }

    private static string Describe(List<Item> result) =>
        result.Count > 1 ? $"{result.Count} values" : result[0].IsNode ? $"a JSON {result[0].Element.ValueKind.ToString().ToLowerInvariant()}" : $"'{result[0].Value}'";

    /// <summary>Fills one select's columns for one focus, then goes on with its nested selects and unionAll.</summary>
    private static void Expand(RunState state, SelectPlan plan, in Item focus)
    {
        var context = state.Context;
        var single = context.RentSingle(focus);
        foreach (var column in plan.Columns)
        {
            var values = context.Rent();
            column.Path.Evaluate(context, single, values);
            state.Row[column.Offset] = column.Cell(values);
            context.Return(values);
        }

        context.Return(single);
        var pushed = 0;
        if (plan.Union.Count > 0)
        {
            state.Pending.Push(new Pending(plan, focus, IsUnion: true));
            pushed++;
        }

        for (var i = plan.Children.Count - 1; i >= 0; i--)
        {
            state.Pending.Push(new Pending(plan.Children[i], focus, IsUnion: false));
            pushed++;
        }

        Continue(state);
        for (var i = 0; i < pushed; i++)
        {
            state.Pending.Pop();
        }
    }

    /// <summary>
    /// Works through what is still pending for the row being built: each pending select multiplies the rows (one
    /// per item it iterates), each unionAll adds its branches' rows one after the other, and when nothing is pending
    /// the row is complete and appended. The pending stack is restored on the way back, so nothing is allocated but
    /// the rows themselves.
    /// </summary>
    private static void Continue(RunState state)
    {
        if (state.Pending.Count == 0)
        {
            state.Rows.Add((object?[])state.Row.Clone());
            return;
        }

        var pending = state.Pending.Pop();
        var plan = pending.Plan;
        if (pending.IsUnion)
        {
            foreach (var branch in plan.Union)
            {
                state.Pending.Push(new Pending(branch, pending.Focus, IsUnion: false));
                Continue(state);
                state.Pending.Pop();
            }
        }
        else if (plan.Iterate is null)
        {
            Expand(state, plan, pending.Focus);
        }
        else
        {
            Iterate(state, plan, pending.Focus);
        }

        state.Pending.Push(pending);
    }

    private static void Iterate(RunState state, SelectPlan plan, in Item focus)
    {
        var context = state.Context;
        var single = context.RentSingle(focus);
        var items = context.Rent();
        plan.Iterate!.Evaluate(context, single, items);
        context.Return(single);
        if (items.Count == 0 && plan.OrNull)
        {
            foreach (var offset in plan.Offsets)
            {
                state.Row[offset] = null;
            }

            Continue(state);
        }

        foreach (var item in items)
        {
            Expand(state, plan, item);
        }

        context.Return(items);
    }

    private readonly record struct Pending(SelectPlan Plan, Item Focus, bool IsUnion);

    /// <summary>One thread's scratch: the evaluation pool, the pending stack and the row being built.</summary>
    private sealed class RunState
    {
        public EvalContext Context { get; } = new();

        public Stack<Pending> Pending { get; } = new();

        public object?[] Row { get; private set; } = [];

        public List<object?[]> Rows { get; private set; } = [];

        public void Start(JsonElement resource, int width, List<object?[]> rows)
        {
            Context.Resource = resource;
            Pending.Clear();
            if (Row.Length != width)
            {
                Row = new object?[width];
            }

            Rows = rows;
        }
    }
}
