using System.Runtime.CompilerServices;

namespace Calfwise.Screening.Views;

/// <summary>
/// Runs a <see cref="StreamPlan"/> over the UTF-8 bytes of one resource: the properties the view reads are kept by
/// <see cref="StreamCapture"/>, the paths are evaluated over them with the general evaluator's rules, and a string
/// is made only for a cell that is asked for. Gives up (false, no rows added) wherever the general evaluator could
/// read the resource otherwise or would throw, so a resource either gets exactly the general evaluator's rows or
/// goes to it. Safe to run from several threads at once (each has its own scratch).
/// </summary>
internal sealed partial class StreamingView(StreamPlan plan)
{
    [ThreadStatic]
    private static Scratch? _scratch;

    /// <summary>Per column offset: whether its strings are made once per thread (codes and uris: few values, met millions of times).</summary>
    private readonly bool[] _interned = Interned(plan);

    /// <summary>
    /// Appends the rows of one resource as objects (as <see cref="CompiledView.Run"/> gives them); false when it must
    /// go to the general evaluator. A column whose <paramref name="filled"/> entry is false is checked but left null
    /// (its string is never made).
    /// </summary>
    public bool TryRun(ReadOnlySpan<byte> line, List<object?[]> rows, bool[]? filled)
    {
        var scratch = _scratch ??= new Scratch();
        if (!TryRun(line, scratch.Objects))
        {
            return false;
        }

        for (var r = 0; r < scratch.Objects.Count; r++)
        {
            var cells = scratch.Objects[r];
            var row = new object?[cells.Length];
            for (var i = 0; i < cells.Length; i++)
            {
                row[i] = filled is null || filled[i] ? StreamRows.Value(cells[i], line, _interned[i], scratch.Strings) : null;
            }

            rows.Add(row);
        }

        return true;
    }

    /// <summary>
    /// The rows of one resource as cells that point into <paramref name="line"/> (<paramref name="rows"/> is cleared
    /// first; no string is made); false, and no rows, when it must go to the general evaluator.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRun(ReadOnlySpan<byte> line, StreamRows rows)
    {
        rows.Clear();
        var scratch = _scratch ??= new Scratch();
        if (!scratch.Capture.Read(line, plan))
        {
            return false;
        }

        if (scratch.Row.Length != plan.Width)
        {
            scratch.Row = new StreamCell[plan.Width];
        }

        var run = new Run(scratch, plan, line, rows);
        if (!run.Rows())
        {
            rows.Clear();
            return false;
        }

        return true;
    }

    private static bool[] Interned(StreamPlan plan)
    {
        var interned = new bool[plan.Width];
        foreach (var column in plan.Selects.SelectMany(s => s.Columns))
        {
            interned[column.Offset] = column.Plan.Type is "code" or "uri";
        }

        return interned;
    }

    private sealed class Scratch
    {
        private readonly Stack<List<int>> _free = new();

        public StreamCapture Capture { get; } = new();

        public Utf8Strings Strings { get; } = new();

        /// <summary>The rows of a run whose cells are then made into objects.</summary>
        public StreamRows Objects { get; } = new();

        public StreamCell[] Row { get; set; } = [];

        public List<int> Rent() => _free.Count > 0 ? _free.Pop() : new List<int>(4);

        public void Return(List<int> list)
        {
            list.Clear();
            _free.Push(list);
        }
    }

    private readonly ref partial struct Run(Scratch scratch, StreamPlan plan, ReadOnlySpan<byte> line, StreamRows rows)
    {
        private readonly ReadOnlySpan<byte> _line = line;

        private StreamValue[] Values => scratch.Capture.Values;

        private int[] Slots => scratch.Capture.Slots;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Rows()
        {
            var root = scratch.Rent();
            root.Add(0);
            try
            {
                foreach (var where in plan.Where)
                {
                    var found = scratch.Rent();
                    Steps(where, root, found);
                    var keep = found.Count > 0;
                    scratch.Return(found);
                    if (!keep)
                    {
                        return true;
                    }
                }

                return Fill(0, root);
            }
            finally
            {
                scratch.Return(root);
            }
        }

        /// <summary>The rows of the selects from <paramref name="select"/> on, for the row filled so far.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Fill(int select, List<int> root)
        {
            if (select == plan.Selects.Length)
            {
                rows.Add(scratch.Row);
                return true;
            }

            var current = plan.Selects[select];
            if (current.Iterate is null)
            {
                return Columns(current, root) && Fill(select + 1, root);
            }

            var items = scratch.Rent();
            var single = scratch.Rent();
            try
            {
                Steps(current.Iterate, root, items);
                if (items.Count == 0 && current.OrNull)
                {
                    foreach (var column in current.Columns)
                    {
                        scratch.Row[column.Offset] = default;
                    }

                    return Fill(select + 1, root);
                }

                foreach (var item in items)
                {
                    single.Clear();
                    single.Add(item);
                    if (!Columns(current, single) || !Fill(select + 1, root))
                    {
                        return false;
                    }
                }

                return true;
            }
            finally
            {
                scratch.Return(single);
                scratch.Return(items);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Columns(StreamSelect select, List<int> focus)
        {
            foreach (var column in select.Columns)
            {
                if (!Cell(column, focus, out scratch.Row[column.Offset]))
                {
                    return false;
                }
            }

            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Cell(StreamColumn column, List<int> focus, out StreamCell cell)
        {
            cell = default;
            var path = column.Path;
            if (focus.Count == 1 && path.End != StreamEnd.Exists && Single(path, focus[0]) is var only and >= -1)
            {
                return only == -1 || (path.End == StreamEnd.Nodes
                    ? Primitive(Values[only], column.Plan, out cell)
                    : Key(path, only, ref cell) <= 1);
            }

            var nodes = scratch.Rent();
            try
            {
                Steps(path, focus, nodes);
                switch (path.End)
                {
                    case StreamEnd.Exists:
                        cell = new StreamCell(nodes.Count > 0 ? CellKind.True : CellKind.False);
                        return true;
                    case StreamEnd.ResourceKey or StreamEnd.ReferenceKey:
                        var keys = 0;
                        foreach (var index in nodes)
                        {
                            keys += Key(path, index, ref cell);
                        }

                        return keys <= 1;
                    default:
                        return nodes.Count switch
                        {
                            0 => true,
                            1 => Primitive(Values[nodes[0]], column.Plan, out cell),
                            _ => false,
                        };
                }
            }
            finally
            {
                scratch.Return(nodes);
            }
        }

        private bool IsText(in StreamValue value, byte[] utf8, string text) =>
            value.Unescaped is { } unescaped ? unescaped == text : _line.Slice(value.Start, value.Length).SequenceEqual(utf8);
    }
}
