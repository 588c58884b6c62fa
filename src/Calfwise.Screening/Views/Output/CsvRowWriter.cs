namespace Calfwise.Screening.Views;

/// <summary>
/// CSV per RFC 4180: a header of column names, CRLF line ends, a field quoted when it holds a comma, a quote or a
/// line break, quotes doubled. An empty field is a null; a collection column's cell is its JSON array.
/// </summary>
internal sealed class CsvRowWriter : ViewRowWriter
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];
    private readonly TextWriter _output;

    public CsvRowWriter(IReadOnlyList<ViewColumn> columns, TextWriter output)
    {
        _output = output;
        WriteRecord(columns.Select(c => (string?)c.Name).ToArray());
    }

    public override ValueTask WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            WriteRecord(Array.ConvertAll(row, Text));
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        _output.Flush();
        return ValueTask.CompletedTask;
    }

    private void WriteRecord(string?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                _output.Write(',');
            }

            var field = fields[i];
            if (field is null)
            {
                continue;
            }

            if (field.IndexOfAny(NeedsQuotes) >= 0)
            {
                _output.Write('"');
                _output.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                _output.Write('"');
            }
            else
            {
                _output.Write(field);
            }
        }

        _output.Write("\r\n");
    }
}
