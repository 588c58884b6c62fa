using System.Text;

namespace Calfwise.Screening.Views;

/// <summary>
/// The strings of short UTF-8 values that repeat (codes, code systems, statuses), each made once: a small cache with
/// one place per hash, the last value seen there kept. Not thread-safe (one per thread).
/// </summary>
internal sealed class Utf8Strings
{
    private const int Size = 1 << 12;
    private const int Longest = 64;

    private readonly byte[]?[] _bytes = new byte[Size][];
    private readonly string?[] _strings = new string[Size];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > Longest)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (Size - 1);
        if (_bytes[slot] is { } known && utf8.SequenceEqual(known))
        {
            return _strings[slot]!;
        }

        var made = Encoding.UTF8.GetString(utf8);
        _bytes[slot] = utf8.ToArray();
        _strings[slot] = made;
        return made;
    }
}
