using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

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

    private static readonly object True = true;
    private static readonly object False = false;

    /// <summary>
    /// Appends the rows of one resource; false when it must go to the general evaluator. A column whose
    /// <paramref name="filled"/> entry is false is checked but left null (its string is never made).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRun(ReadOnlySpan<byte> line, List<object?[]> rows, bool[]? filled)
    {
        var scratch = _scratch ??= new Scratch();
        if (!scratch.Capture.Read(line, plan))
        {
            return false;
        }

        if (scratch.Row.Length != plan.Width)
        {
            scratch.Row = new object?[plan.Width];
        }

        var run = new Run(scratch, plan, line, rows, filled);
        var first = rows.Count;
        if (!run.Rows())
        {
            rows.RemoveRange(first, rows.Count - first);
            return false;
        }

        return true;
    }

    private sealed class Scratch
    {
        private readonly Stack<List<int>> _free = new();

        public StreamCapture Capture { get; } = new();

        public Utf8Strings Strings { get; } = new();

        public object?[] Row { get; set; } = [];

        public List<int> Rent() => _free.Count > 0 ? _free.Pop() : new List<int>(4);

        public void Return(List<int> list)
        {
            list.Clear();
            _free.Push(list);
        }
    }

    private readonly ref partial struct Run(Scratch scratch, StreamPlan plan, ReadOnlySpan<byte> line, List<object?[]> rows, bool[]? filled)
    {
        private readonly ReadOnlySpan<byte> _line = line;

        private StreamValue[] Values => scratch.Capture.Values;

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
                rows.Add((object?[])scratch.Row.Clone());
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
                        scratch.Row[column.Offset] = null;
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
                if (!Cell(column, focus, filled is null || filled[column.Offset], out scratch.Row[column.Offset]))
                {
                    return false;
                }
            }

            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Cell(StreamColumn column, List<int> focus, bool make, out object? cell)
        {
            cell = null;
            var path = column.Path;
            if (focus.Count == 1 && path.End != StreamEnd.Exists && Single(path, focus[0]) is var only and >= -1)
            {
                return only == -1 || (path.End == StreamEnd.Nodes
                    ? Primitive(Values[only], column.Plan, make, out cell)
                    : Key(path, only, make, ref cell) <= 1);
            }

            var nodes = scratch.Rent();
            try
            {
                Steps(path, focus, nodes);
                switch (path.End)
                {
                    case StreamEnd.Exists:
                        cell = nodes.Count > 0 ? True : False;
                        return true;
                    case StreamEnd.ResourceKey or StreamEnd.ReferenceKey:
                        var keys = 0;
                        foreach (var index in nodes)
                        {
                            keys += Key(path, index, make, ref cell);
                        }

                        return keys <= 1;
                    default:
                        return nodes.Count switch
                        {
                            0 => true,
                            1 => Primitive(Values[nodes[0]], column.Plan, make, out cell),
                            _ => false,
                        };
                }
            }
            finally
            {
                scratch.Return(nodes);
            }
        }

        /// <summary>
        /// getResourceKey() and getReferenceKey() of one object: a string property read as it is (an array is no
        /// key); the cell is set, and 1 returned, when there is a key.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Key(StreamPath path, int index, bool make, ref object? cell)
        {
            for (var child = Values[index].Kind == JsonTokenType.StartObject ? Values[index].FirstChild : -1; child >= 0; child = Values[child].Next)
            {
                ref var value = ref Values[child];
                if (value.Node != path.Key || value.InArray || value.Kind != JsonTokenType.String)
                {
                    continue;
                }

                var text = Text(value, intern: false);
                var key = path.End == StreamEnd.ResourceKey ? text : KeyFunction.Key(text, path.KeyType);
                if (key is null)
                {
                    return 0;
                }

                cell = make ? key : null;
                return 1;
            }

            return 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Primitive(in StreamValue value, ColumnPlan column, bool make, out object? cell)
        {
            cell = null;
            var raw = _line.Slice(value.Start, value.Length);
            var type = column.Type;
            switch (value.Kind)
            {
                case JsonTokenType.String:
                    cell = make ? Text(value, intern: type is "code" or "uri") : null;
                    return true;
                case JsonTokenType.True:
                    cell = True;
                    return true;
                case JsonTokenType.False:
                    cell = False;
                    return true;
                case JsonTokenType.Number when type != "decimal" && Utf8Parser.TryParse(raw, out long whole, out var used) && used == raw.Length:
                    cell = whole;
                    return true;
                case JsonTokenType.Number when Utf8Parser.TryParse(raw, out decimal number, out var used) && used == raw.Length:
                    cell = number;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>A string's text; a code or uri (few distinct values, met millions of times) is made once per thread.</summary>
        private string Text(in StreamValue value, bool intern) =>
            value.Unescaped ?? (intern ? scratch.Strings.Get(_line.Slice(value.Start, value.Length)) : Encoding.UTF8.GetString(_line.Slice(value.Start, value.Length)));

        private bool IsText(in StreamValue value, byte[] utf8, string text) =>
            value.Unescaped is { } unescaped ? unescaped == text : _line.Slice(value.Start, value.Length).SequenceEqual(utf8);
    }
}
