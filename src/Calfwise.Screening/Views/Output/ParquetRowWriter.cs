using Parquet;
using Parquet.Schema;

namespace Calfwise.Screening.Views;

/// <summary>
/// Parquet, one row group per batch. A column's Parquet type comes from the type the view declares (integer types
/// as INT64, decimal, boolean; everything else, and undeclared types, as UTF-8 strings), because the schema must be
/// fixed before the first row; a collection column holds its JSON array as a string.
/// </summary>
internal sealed class ParquetRowWriter : ViewRowWriter
{
    private readonly IReadOnlyList<ViewColumn> _columns;
    private readonly DataField[] _fields;
    private readonly Stream _output;
    private ParquetWriter? _writer;

    public ParquetRowWriter(IReadOnlyList<ViewColumn> columns, Stream output)
    {
        _columns = columns;
        _output = output;
        _fields = columns.Select(Field).ToArray();
    }

    public override async ValueTask WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        _writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(_fields), _output, cancellationToken: cancellationToken);
        using var group = _writer.CreateRowGroup();
        for (var c = 0; c < _fields.Length; c++)
        {
            var field = _fields[c];
            switch (Kind(_columns[c]))
            {
                case "integer":
                    await group.WriteAsync<long>(field, rows.Select(r => r[c] is long v ? v : (long?)null).ToArray(), cancellationToken: cancellationToken);
                    break;
                case "decimal":
                    await group.WriteAsync<decimal>(field, rows.Select(r => r[c] switch { decimal d => d, long l => l, _ => (decimal?)null }).ToArray(), cancellationToken: cancellationToken);
                    break;
                case "boolean":
                    await group.WriteAsync<bool>(field, rows.Select(r => r[c] is bool v ? v : (bool?)null).ToArray(), cancellationToken: cancellationToken);
                    break;
                default:
                    await group.WriteAsync(field, rows.Select(r => Text(r[c])!).ToArray());
                    break;
            }
        }
    }

    public override async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        // A view that gave no rows still makes a readable file with its schema.
        _writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(_fields), _output, cancellationToken: cancellationToken);
        await _writer.DisposeAsync();
        _writer = null;
        await _output.FlushAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private static string Kind(ViewColumn column) => column.Collection ? "string" : column.Type switch
    {
        "integer" or "positiveInt" or "unsignedInt" or "integer64" => "integer",
        "decimal" => "decimal",
        "boolean" => "boolean",
        _ => "string",
    };

    private static DataField Field(ViewColumn column) => Kind(column) switch
    {
        "integer" => new DataField<long?>(column.Name),
        "decimal" => new DataField<decimal?>(column.Name),
        "boolean" => new DataField<bool?>(column.Name),
        _ => new DataField<string>(column.Name, true),
    };
}
