using System.Globalization;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// The rows one view made of one resource, read by column name (the names are the contract between the
/// ViewDefinitions in knowledge/views and the code that reads them; a view without a column the code needs fails at
/// start, naming the view and the column).
/// </summary>
public sealed class ViewRows
{
    private readonly Dictionary<string, int> _columns;

    public ViewRows(string view, IReadOnlyList<string> columns, IEnumerable<string> required)
    {
        var needed = required.ToHashSet(StringComparer.Ordinal);
        // Only the required columns can be read: the streaming reader leaves the others null (ScreeningViews.Reader.TryMap).
        _columns = columns.Select((name, i) => (name, i)).Where(c => needed.Contains(c.name)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        var missing = needed.Where(r => !_columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"view '{view}' lacks the column(s) {string.Join(", ", missing)} that screening reads");
        }
    }

    public List<object?[]> Rows { get; } = [];

    public string? Text(object?[] row, string column) => row[_columns[column]] switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    public decimal? Number(object?[] row, string column) => row[_columns[column]] switch
    {
        decimal d => d,
        long l => l,
        int i => i,
        double d => (decimal)d,
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public bool? Flag(object?[] row, string column) => row[_columns[column]] switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var b) => b,
        _ => null,
    };

    /// <summary>The day of a FHIR date, dateTime or instant written at least to the day; null otherwise.</summary>
    public DateOnly? Day(object?[] row, string column) =>
        Text(row, column) is { Length: >= 10 } value && DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
