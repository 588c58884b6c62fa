using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Calfwise.Screening.Views;

internal sealed partial class StreamingView
{
    /// <summary>The paths of a streaming view evaluated over the values the capture kept, with FHIRPath's rules.</summary>
    private readonly ref partial struct Run
    {
        /// <summary>
        /// getResourceKey() and getReferenceKey() of one object: a string property read as it is (an array is no
        /// key); the cell is set, and 1 returned, when there is a key.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Key(StreamPath path, int index, ref StreamCell cell)
        {
            // A key is one string member: not an array (whose elements all are InArray), so the first value decides.
            var child = First(index, path.Key!);
            if (child >= 0)
            {
                ref var value = ref Values[child];
                if (value.InArray || value.Kind != JsonTokenType.String)
                {
                    return 0;
                }

                if (path.End == StreamEnd.ResourceKey)
                {
                    cell = StreamCell.Characters(value.Start, value.Length, value.Unescaped);
                    return 1;
                }

                if (value.Unescaped is { } unescaped)
                {
                    if (KeyFunction.Key(unescaped, path.KeyType) is not { } key)
                    {
                        return 0;
                    }

                    cell = StreamCell.Characters(value.Start, value.Length, key);
                    return 1;
                }

                if (!KeyFunction.Key(_line.Slice(value.Start, value.Length), path.KeyTypeUtf8, out var start, out var length))
                {
                    return 0;
                }

                cell = StreamCell.Characters(value.Start + start, length, null);
                return 1;
            }

            return 0;
        }

        /// <summary>
        /// The first value of <paramref name="node"/>'s member in the object at <paramref name="index"/> (the others,
        /// an array's elements, follow it in <see cref="StreamValue.Next"/>), or -1: one look in the object's slots.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int First(int index, StreamNode node)
        {
            ref var owner = ref Values[index];
            return owner.Kind == JsonTokenType.StartObject && owner.Slots >= 0 ? Slots[owner.Slots + node.Index] : -1;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Primitive(in StreamValue value, ColumnPlan column, out StreamCell cell)
        {
            cell = default;
            var raw = _line.Slice(value.Start, value.Length);
            var type = column.Type;
            switch (value.Kind)
            {
                case JsonTokenType.String:
                    cell = StreamCell.Characters(value.Start, value.Length, value.Unescaped);
                    return true;
                case JsonTokenType.True:
                    cell = new StreamCell(CellKind.True);
                    return true;
                case JsonTokenType.False:
                    cell = new StreamCell(CellKind.False);
                    return true;
                case JsonTokenType.Number when type != "decimal" && Utf8Parser.TryParse(raw, out long whole, out var used) && used == raw.Length:
                    cell = new StreamCell(CellKind.Whole, number: whole);
                    return true;
                case JsonTokenType.Number when Utf8Parser.TryParse(raw, out decimal number, out var used) && used == raw.Length:
                    cell = new StreamCell(CellKind.Fraction, number: number);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The one node a path of members reaches from one node (-1: none), without collections; -2 when the path
        /// has other steps or meets an array, for <see cref="Steps"/> to follow.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Single(StreamPath path, int focus)
        {
            var current = focus;
            foreach (var step in path.Steps)
            {
                if (step.Kind is StreamStepKind.Where or StreamStepKind.First)
                {
                    return -2;
                }

                var found = First(current, step.Node!);
                if (found >= 0 && Values[found].InArray)
                {
                    return -2;
                }

                if (found < 0 || (step.Kind == StreamStepKind.Choice
                    && !OfTypeFunction.MatchesKnown(Values[found].ChoiceType!, Values[found].Kind == JsonTokenType.String, step.Type!)))
                {
                    return -1;
                }

                current = found;
            }

            return current;
        }

        /// <summary>The nodes a path's steps reach from <paramref name="focus"/>, in document order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Steps(StreamPath path, List<int> focus, List<int> output)
        {
            var current = scratch.Rent();
            var next = scratch.Rent();
            current.AddRange(focus);
            foreach (var step in path.Steps)
            {
                next.Clear();
                Step(step, current, next);
                (current, next) = (next, current);
            }

            output.AddRange(current);
            scratch.Return(next);
            scratch.Return(current);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Step(StreamStep step, List<int> current, List<int> next)
        {
            if (step.Kind == StreamStepKind.First)
            {
                if (current.Count > 0)
                {
                    next.Add(current[0]);
                }

                return;
            }

            foreach (var index in current)
            {
                if (Values[index].Kind != JsonTokenType.StartObject)
                {
                    continue;
                }

                if (step.Kind == StreamStepKind.Where)
                {
                    if (Matches(index, step))
                    {
                        next.Add(index);
                    }

                    continue;
                }

                for (var child = First(index, step.Node!); child >= 0 && Values[child].Node == step.Node; child = Values[child].Next)
                {
                    ref var value = ref Values[child];
                    if (step.Kind == StreamStepKind.Member || OfTypeFunction.MatchesKnown(value.ChoiceType!, value.Kind == JsonTokenType.String, step.Type!))
                    {
                        next.Add(child);
                    }
                }
            }
        }

        /// <summary>where(m = 'a' or ...) on one object: its member m is exactly one string, equal to one of the values.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Matches(int index, StreamStep step)
        {
            var found = First(index, step.Node!);
            if (found >= 0 && Values[found].Next is var next and >= 0 && Values[next].Node == step.Node)
            {
                return false; // more than one (an array's elements)
            }

            if (found < 0 || Values[found].Kind != JsonTokenType.String)
            {
                return false;
            }

            for (var i = 0; i < step.Values!.Length; i++)
            {
                if (IsText(Values[found], step.Utf8Values[i], step.Values[i]))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
