using System.Text;

namespace Calfwise.Screening.Views;

/// <summary>What a <see cref="StreamCell"/> holds.</summary>
internal enum CellKind : byte
{
    None,
    Characters,
    Whole,
    Fraction,
    True,
    False,
}

/// <summary>
/// One cell of a row read straight off a resource's UTF-8 bytes, before any string is made: a string where it lies
/// in the line (or its text, when it was escaped there), a number already parsed, a boolean, or nothing. The cells
/// <see cref="CompiledView.Run"/> gives are these made into objects (<see cref="StreamRows.Value"/>).
/// </summary>
internal readonly struct StreamCell(CellKind kind, int start = 0, int length = 0, string? text = null, decimal number = 0)
{
    public CellKind Kind { get; } = kind;

    /// <summary>A string's first byte in the line (its bytes are the string's UTF-8 when <see cref="Text"/> is null).</summary>
    public int Start { get; } = start;

    public int Length { get; } = length;

    /// <summary>A string's text when the line holds it escaped (or a reference key cut from escaped text); null otherwise.</summary>
    public string? Text { get; } = text;

    /// <summary>A whole number's or a fraction's value.</summary>
    public decimal Number { get; } = number;

    public static StreamCell Characters(int start, int length, string? text) => new(CellKind.Characters, start, length, text);
}

/// <summary>
/// The rows a streaming view made of one resource, as <see cref="StreamCell"/>s; the cell arrays are kept and reused
/// from resource to resource (a reader serves one thread). Valid until the next run.
/// </summary>
internal sealed class StreamRows
{
    private static readonly object True = true;
    private static readonly object False = false;

    private StreamCell[][] _rows = new StreamCell[4][];

    public int Count { get; private set; }

    public StreamCell[] this[int row] => row < Count ? _rows[row] : throw new ArgumentOutOfRangeException(nameof(row));

    public void Clear() => Count = 0;

    /// <summary>Keeps the first <paramref name="count"/> rows.</summary>
    internal void Truncate(int count) => Count = Math.Min(Count, count);

    /// <summary>Appends a copy of <paramref name="cells"/>.</summary>
    internal void Add(StreamCell[] cells)
    {
        if (Count == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        var row = _rows[Count] ??= new StreamCell[cells.Length];
        if (row.Length != cells.Length)
        {
            row = _rows[Count] = new StreamCell[cells.Length];
        }

        cells.CopyTo(row, 0);
        Count++;
    }

    /// <summary>
    /// A cell as <see cref="CompiledView.Run"/> gives it: a string (a code's or uri's made once per thread by
    /// <paramref name="strings"/> when <paramref name="intern"/>), a long, a decimal, a bool, or null.
    /// </summary>
    internal static object? Value(in StreamCell cell, ReadOnlySpan<byte> line, bool intern, Utf8Strings strings) => cell.Kind switch
    {
        CellKind.Characters => cell.Text ?? (intern ? strings.Get(line.Slice(cell.Start, cell.Length)) : Encoding.UTF8.GetString(line.Slice(cell.Start, cell.Length))),
        CellKind.Whole => (long)cell.Number,
        CellKind.Fraction => cell.Number,
        CellKind.True => True,
        CellKind.False => False,
        _ => null,
    };
}
