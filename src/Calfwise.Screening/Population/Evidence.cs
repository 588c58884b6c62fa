using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Calfwise.Screening.Population;

/// <summary>
/// Where a fact in a patient's record came from: the resource (<c>Observation/o-17</c>) and its day. Held either as a
/// string, or as the UTF-8 text a facts file holds it in, left in the buffer the facts were read into (the assess
/// step reads every fact's evidence but writes only the hits'): no string is made until <see cref="Resource"/> or
/// <see cref="ToString"/> asks for it, and <see cref="Detached"/> gives the string form to keep. The two forms of the
/// same text are equal and hash alike. 16 bytes: the text, where in the buffer it starts, and the day.
/// </summary>
public readonly struct Evidence : IEquatable<Evidence>
{
    /// <summary>The resource as a string, or the buffer holding its UTF-8 text.</summary>
    private readonly object? _text;

    /// <summary>In a buffer, where the text starts: its UTF-8 length (7-bit encoded, as <see cref="BinaryWriter"/> writes it), then its bytes.</summary>
    private readonly int _start;

    /// <summary>The day's <see cref="DateOnly.DayNumber"/>, or -1 for none.</summary>
    private readonly int _day;

    public Evidence(string resource, DateOnly? date)
    {
        _text = resource;
        _day = date?.DayNumber ?? -1;
    }

    /// <summary>
    /// Evidence whose resource is the text written at <paramref name="start"/> of <paramref name="buffer"/> (a length,
    /// then the bytes, the whole of it in the buffer), valid while the buffer holds it.
    /// </summary>
    internal Evidence(byte[] buffer, int start, int dayNumber)
    {
        _text = buffer;
        _start = start;
        _day = dayNumber;
    }

    /// <summary>The resource: <c>Observation/o-17</c> (made afresh from the bytes each time it is asked for in the bytes' form).</summary>
    public string Resource => _text switch
    {
        string text => text,
        byte[] => Encoding.UTF8.GetString(Utf8Text()),
        _ => string.Empty,
    };

    public DateOnly? Date => _day >= 0 ? DateOnly.FromDayNumber(_day) : null;

    /// <summary>The same evidence held as a string: what outlives the buffer the facts were read into.</summary>
    public Evidence Detached() => _text is byte[] ? new Evidence(Resource, Date) : this;

    public override string ToString() => Date is { } day ? $"{Resource}@{day:yyyy-MM-dd}" : Resource;

    public bool Equals(Evidence other)
    {
        if (_day != other._day)
        {
            return false;
        }

        switch (_text, other._text)
        {
            case (not byte[], not byte[]):
                return string.Equals(Resource, other.Resource, StringComparison.Ordinal);
            case (byte[], byte[]):
                var mine = Utf8Text();
                var theirs = other.Utf8Text();
                // Different bytes of valid UTF-8 are different text; invalid bytes are compared as what they decode to.
                return mine.SequenceEqual(theirs)
                    || ((!Utf8.IsValid(mine) || !Utf8.IsValid(theirs)) && string.Equals(Resource, other.Resource, StringComparison.Ordinal));
            default:
                var (bytes, text) = _text is byte[] ? (this, other.Resource) : (other, Resource);
                return Decoded(bytes.Utf8Text(), chars => chars.SequenceEqual(text));
        }
    }

    public override bool Equals(object? obj) => obj is Evidence other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(_text is byte[] ? Decoded(Utf8Text(), static chars => string.GetHashCode(chars)) : Resource.GetHashCode(StringComparison.Ordinal), _day);

    public static bool operator ==(Evidence left, Evidence right) => left.Equals(right);

    public static bool operator !=(Evidence left, Evidence right) => !left.Equals(right);

    /// <summary>The UTF-8 bytes of the text in its buffer (empty for a string).</summary>
    private ReadOnlySpan<byte> Utf8Text()
    {
        if (_text is not byte[] buffer)
        {
            return default;
        }

        int length = 0, shift = 0, at = _start;
        byte next;
        do
        {
            next = buffer[at++];
            length |= (next & 0x7F) << shift;
            shift += 7;
        }
        while ((next & 0x80) != 0);

        return buffer.AsSpan(at, length);
    }

    private delegate T CharsReader<out T>(ReadOnlySpan<char> chars);

    /// <summary>What <paramref name="read"/> makes of the characters <paramref name="utf8"/> decodes to (those <see cref="Encoding.GetString(byte[])"/> gives).</summary>
    private static T Decoded<T>(ReadOnlySpan<byte> utf8, CharsReader<T> read)
    {
        var most = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        var rented = most <= 256 ? null : ArrayPool<char>.Shared.Rent(most);
        try
        {
            var chars = rented ?? stackalloc char[256];
            return read(chars[..Encoding.UTF8.GetChars(utf8, chars)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
