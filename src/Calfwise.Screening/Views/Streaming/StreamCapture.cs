using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary>
/// One value the streaming reader kept: an object (whose kept children follow it, linked) or a primitive (where its
/// bytes lie in the line). <see cref="InArray"/> marks an element of a JSON array (flattened, as FHIRPath does);
/// <see cref="ChoiceType"/> is the type a choice element's name carries (Quantity for valueQuantity).
/// </summary>
internal struct StreamValue
{
    public StreamNode Node;
    public JsonTokenType Kind;
    public int Start;
    public int Length;
    public bool InArray;
    public string? ChoiceType;

    /// <summary>The text of an escaped string, unescaped when it was read (the others are read from the line when needed).</summary>
    public string? Unescaped;
    /// <summary>An object's last kept child so far (its children are linked by <see cref="Next"/>, in document order).</summary>
    public int LastChild;
    public int Next;

    /// <summary>
    /// Where an object's slots start in <see cref="StreamCapture.Slots"/> (-1: no slots): one per child of its node,
    /// the first value of that child (an array's elements follow it in <see cref="Next"/>), or -1.
    /// </summary>
    public int Slots;
}

/// <summary>
/// Reads one line (with <see cref="LineJsonReader"/>, or <see cref="Utf8JsonReader"/> when that is not sure) and keeps only the properties in a view's tree, skipping the
/// rest unread (but validated, as a <see cref="JsonDocument"/> would). Anything the streaming evaluation could read
/// otherwise than the general one gives up, and the line goes to the general evaluator: a property met twice, a
/// choice element's base name used bare (value) or a plain member's name with a type suffix (systemUri), an escaped
/// property name, arrays in arrays, a resourceType that is not the view's, or JSON that is not valid.
/// </summary>
internal sealed class StreamCapture
{
    public StreamValue[] Values { get; private set; } = new StreamValue[64];

    public int Count { get; private set; }

    /// <summary>Each kept object's first value of each child of its node (<see cref="StreamValue.Slots"/>).</summary>
    public int[] Slots { get; private set; } = new int[256];

    private int _slotCount;

    /// <summary>
    /// Reads <paramref name="line"/>; false when the line must go to the general evaluator. A line without escapes
    /// is read by the faster <see cref="LineJsonReader"/>; when it is not sure of the line, the system reader reads
    /// it again and decides.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read(ReadOnlySpan<byte> line, StreamPlan plan)
    {
        if (LineJsonReader.Fits(line))
        {
            var fast = new LineJsonReader(line);
            var read = ReadLine(ref fast, plan);
            if (!fast.Failed)
            {
                return read;
            }
        }

        try
        {
            var system = new SystemJsonTokens(line);
            return ReadLine(ref system, plan);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadLine<TReader>(ref TReader reader, StreamPlan plan)
        where TReader : IJsonTokens, allows ref struct
    {
        Count = 0;
        _slotCount = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        Add(plan.Root, -1, JsonTokenType.StartObject, 0, 0, inArray: false, null, null);
        return ReadObject(ref reader, 0, plan.Root, plan.Resource) && !reader.Read(); // nothing may follow the resource
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadObject<TReader>(ref TReader reader, int parent, StreamNode node, byte[]? resource)
        where TReader : IJsonTokens, allows ref struct
    {
        var seen = 0UL;
        var typed = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var name = reader.ValueSpan;
            if (resource is not null && name.SequenceEqual("resourceType"u8))
            {
                if (typed || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(resource))
                {
                    return false;
                }

                typed = true;
                continue;
            }

            var (child, choiceType) = Find(node, name);
            if (!reader.Read())
            {
                return false;
            }

            if (child is null)
            {
                reader.Skip();
                continue;
            }

            if (child.Choice != (choiceType is not null) || (seen & (1UL << child.Index)) != 0)
            {
                return false;
            }

            seen |= 1UL << child.Index;
            if (!ReadValue(ref reader, parent, child, choiceType))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && (resource is null || typed);
    }

    /// <summary>The child a property name is (exactly, or a choice element: its base name and a type suffix), or none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (StreamNode? Child, string? ChoiceType) Find(StreamNode node, ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name[0] is < (byte)'a' or > (byte)'z' || node.ByLetter[name[0] - 'a'] is not { } children)
        {
            return (null, null);
        }

        foreach (var child in children)
        {
            if (name.Length == child.Utf8.Length && name.SequenceEqual(child.Utf8))
            {
                return (child, null);
            }
        }

        foreach (var child in children)
        {
            var utf8 = child.Utf8;
            if (name.Length > utf8.Length && name[utf8.Length] is >= (byte)'A' and <= (byte)'Z' && name.StartsWith(utf8)
                && FhirTypes.FromSuffix(name[utf8.Length..]) is { } type)
            {
                return (child, type);
            }
        }

        return (null, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadValue<TReader>(ref TReader reader, int parent, StreamNode node, string? choiceType)
        where TReader : IJsonTokens, allows ref struct
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return ReadElement(ref reader, parent, node, choiceType, inArray: false);
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartArray || !ReadElement(ref reader, parent, node, choiceType, inArray: true))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadElement<TReader>(ref TReader reader, int parent, StreamNode node, string? choiceType, bool inArray)
        where TReader : IJsonTokens, allows ref struct
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.StartObject:
                var index = Add(node, parent, JsonTokenType.StartObject, 0, 0, inArray, choiceType, null);
                if (node.Children.Count == 0)
                {
                    reader.Skip();
                    return true;
                }

                return ReadObject(ref reader, index, node, null);
            case JsonTokenType.StartArray:
                return false;
            case JsonTokenType.String:
                Add(node, parent, JsonTokenType.String, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, inArray, choiceType,
                    reader.ValueIsEscaped ? reader.GetString() : null);
                return true;
            default:
                Add(node, parent, reader.TokenType, (int)reader.TokenStartIndex, reader.ValueSpan.Length, inArray, choiceType, null);
                return true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Add(StreamNode node, int parent, JsonTokenType kind, int start, int length, bool inArray, string? choiceType, string? unescaped)
    {
        if (Count == Values.Length)
        {
            var bigger = new StreamValue[Values.Length * 2];
            Values.CopyTo(bigger, 0);
            Values = bigger;
        }

        var index = Count++;
        ref var value = ref Values[index];

        // Field by field, and a reference only where it changes: each store of one into the array costs a write barrier.
        if (!ReferenceEquals(value.Node, node))
        {
            value.Node = node;
        }

        if (!ReferenceEquals(value.ChoiceType, choiceType))
        {
            value.ChoiceType = choiceType;
        }

        if (!ReferenceEquals(value.Unescaped, unescaped))
        {
            value.Unescaped = unescaped;
        }

        value.Kind = kind;
        value.Start = start;
        value.Length = length;
        value.InArray = inArray;
        value.LastChild = -1;
        value.Next = -1;
        value.Slots = kind == JsonTokenType.StartObject && node.Children.Count > 0 ? AddSlots(node.Children.Count) : -1;
        if (parent >= 0)
        {
            ref var owner = ref Values[parent];
            ref var slot = ref Slots[owner.Slots + node.Index];
            if (slot < 0)
            {
                slot = index;
            }

            if (owner.LastChild >= 0)
            {
                Values[owner.LastChild].Next = index;
            }

            owner.LastChild = index;
        }

        return index;
    }

    private int AddSlots(int count)
    {
        if (_slotCount + count > Slots.Length)
        {
            var bigger = new int[Math.Max(Slots.Length * 2, _slotCount + count)];
            Slots.AsSpan(0, _slotCount).CopyTo(bigger);
            Slots = bigger;
        }

        var first = _slotCount;
        Slots.AsSpan(first, count).Fill(-1);
        _slotCount += count;
        return first;
    }
}
