using System.Globalization;
using System.Text;
using Calfwise.Screening.Views;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// The rows one view made of one resource, read by row and column name (the names are the contract between the
/// ViewDefinitions in knowledge/views and the code that reads them; a view without a column the code needs fails at
/// start, naming the view and the column). The rows are either objects (the general evaluator's) or cells pointing
/// into the resource's line (the streaming reader's), read the same way; from cells, a string is made only when
/// <see cref="Text"/> asks for one.
/// </summary>
public sealed class ViewRows
{
    private readonly string[] _names;
    private readonly int[] _offsets;
    private readonly bool[] _interned;
    private readonly Utf8Strings _strings = new();
    private ReadOnlyMemory<byte> _line;
    private bool _streamed;

    public ViewRows(string view, IReadOnlyList<ViewColumn> columns, IEnumerable<string> required)
    {
        // Only the required columns can be read: the others are not made (ScreeningViews.Reader).
        var needed = required.Distinct(StringComparer.Ordinal).ToList();
        var missing = needed.Where(r => !columns.Any(c => c.Name == r)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"view '{view}' lacks the column(s) {string.Join(", ", missing)} that screening reads");
        }

        _names = [.. needed];
        _offsets = [.. needed.Select(n => columns.ToList().FindIndex(c => c.Name == n))];
        _interned = [.. columns.Select(c => c.Type is "code" or "uri")];
    }

    /// <summary>The general evaluator's rows (used after <see cref="UseObjects"/>).</summary>
    internal List<object?[]> Objects { get; } = [];

    /// <summary>The streaming reader's rows, over the line given to <see cref="UseCells"/>.</summary>
    internal StreamRows Cells { get; } = new();

    public int Count => _streamed ? Cells.Count : Objects.Count;

    /// <summary>Reads <see cref="Objects"/> from now on (cleared).</summary>
    internal void UseObjects()
    {
        Objects.Clear();
        _streamed = false;
        _line = default;
    }

    /// <summary>Reads <see cref="Cells"/>, which point into <paramref name="line"/>, from now on.</summary>
    internal void UseCells(ReadOnlyMemory<byte> line)
    {
        _streamed = true;
        _line = line;
    }

    /// <summary>Whether the cell holds a value.</summary>
    public bool Has(int row, string column) => _streamed ? Cell(row, column).Kind != CellKind.None : Objects[row][Offset(column)] is not null;

    public string? Text(int row, string column)
    {
        if (!_streamed)
        {
            return Format(Objects[row][Offset(column)]);
        }

        var offset = Offset(column);
        var cell = Cells[row][offset];
        return cell.Kind switch
        {
            CellKind.Characters => cell.Text ?? (_interned[offset] ? _strings.Get(Bytes(cell)) : Encoding.UTF8.GetString(Bytes(cell))),
            CellKind.None => null,
            _ => Format(StreamRows.Value(cell, default, intern: false, _strings)),
        };
    }

    /// <summary>
    /// The UTF-8 bytes of a cell's text (empty when it has none): where they lie in the line when they can, made
    /// otherwise. Valid until the next resource.
    /// </summary>
    public ReadOnlySpan<byte> Utf8(int row, string column)
    {
        if (_streamed && Cells[row][Offset(column)] is { Kind: CellKind.Characters, Text: null } cell)
        {
            return Bytes(cell);
        }

        return Text(row, column) is { } text ? Encoding.UTF8.GetBytes(text) : default;
    }

    /// <summary>Whether the cell's text is <paramref name="utf8"/> (false when it has none).</summary>
    public bool Is(int row, string column, ReadOnlySpan<byte> utf8) => Has(row, column) && Utf8(row, column).SequenceEqual(utf8);

    public decimal? Number(int row, string column)
    {
        if (_streamed && Cell(row, column) is { Kind: CellKind.Whole or CellKind.Fraction } number)
        {
            return number.Number;
        }

        return (_streamed ? Text(row, column) : Objects[row][Offset(column)]) switch
        {
            decimal d => d,
            long l => l,
            int i => i,
            double d => (decimal)d,
            string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }

    public bool? Flag(int row, string column)
    {
        if (_streamed && Cell(row, column).Kind is CellKind.True or CellKind.False)
        {
            return Cell(row, column).Kind == CellKind.True;
        }

        return (_streamed ? Text(row, column) : Objects[row][Offset(column)]) switch
        {
            bool b => b,
            string s when bool.TryParse(s, out var b) => b,
            _ => null,
        };
    }

    /// <summary>The day of a FHIR date, dateTime or instant written at least to the day; null otherwise.</summary>
    public DateOnly? Day(int row, string column)
    {
        if (_streamed && Cell(row, column) is { Kind: CellKind.Characters, Text: null } cell)
        {
            return FhirDays.Parse(Bytes(cell));
        }

        return Text(row, column) is { Length: >= 10 } value && DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }

    private StreamCell Cell(int row, string column) => Cells[row][Offset(column)];

    private ReadOnlySpan<byte> Bytes(StreamCell cell) => _line.Span.Slice(cell.Start, cell.Length);

    private int Offset(string column)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (ReferenceEquals(_names[i], column))
            {
                return _offsets[i];
            }
        }

        var found = Array.IndexOf(_names, column);
        return found >= 0 ? _offsets[found] : throw new ArgumentException($"the column '{column}' is not one screening reads", nameof(column));
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };
}
