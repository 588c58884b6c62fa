using System.Buffers.Binary;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// Reads the parts of facts off bucket bytes as <see cref="BinaryWriter"/> wrote them (<see cref="FactCodec"/>). Reading
/// past the end of the bytes sets <see cref="Short"/> and gives zeros instead of throwing, so that a fact cut by the
/// end of a chunk is read again once the rest of it is in.
/// </summary>
internal ref struct FactCursor(ReadOnlySpan<byte> bytes, int position)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    public int Position { get; private set; } = position;

    /// <summary>Whether a read ran past the end of the bytes (what it read is then meaningless).</summary>
    public bool Short { get; private set; }

    public byte Byte()
    {
        if (Position >= _bytes.Length)
        {
            return Ran();
        }

        return _bytes[Position++];
    }

    public bool Boolean() => Byte() != 0;

    public int Int32()
    {
        if (_bytes.Length - Position < sizeof(int))
        {
            return Ran();
        }

        var value = BinaryPrimitives.ReadInt32LittleEndian(_bytes[Position..]);
        Position += sizeof(int);
        return value;
    }

    /// <summary>A decimal as <see cref="BinaryWriter.Write(decimal)"/> writes it: its four 32-bit parts, low first.</summary>
    public decimal Decimal()
    {
        var (low, middle, high, flags) = (Int32(), Int32(), Int32(), Int32());
        return Short ? 0m : new decimal([low, middle, high, flags]);
    }

    /// <summary>Text as <see cref="BinaryWriter.Write(string)"/> writes it: its UTF-8 bytes after their length.</summary>
    public ReadOnlySpan<byte> Text() => _bytes[TextAt()];

    /// <summary>Where the bytes of the text at the cursor are (after their length), read past.</summary>
    public Range TextAt()
    {
        var length = Length();
        if (_bytes.Length - Position < length)
        {
            Ran();
            return default;
        }

        Position += length;
        return (Position - length)..Position;
    }

    /// <summary>Where a list as <see cref="BinaryLists.WriteList"/> writes it (a count, then each text) is: all of its bytes, count included.</summary>
    public Range ListAt()
    {
        var start = Position;
        for (var count = Length(); count > 0 && !Short; count--)
        {
            TextAt();
        }

        return Short ? default : start..Position;
    }

    /// <summary>A length or count, 7-bit encoded as <see cref="BinaryWriter.Write7BitEncodedInt"/> writes it.</summary>
    public int Length()
    {
        var value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var next = Byte();
            value |= (next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value >= 0 ? value : throw new InvalidDataException($"facts: a negative length at byte {Position}");
            }
        }

        throw new InvalidDataException($"facts: a length of more than 5 bytes at byte {Position}");
    }

    private byte Ran()
    {
        Short = true;
        Position = _bytes.Length;
        return 0;
    }
}
