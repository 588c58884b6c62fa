using System.Globalization;

namespace Calfwise.Screening.Views;

/// <summary>
/// Where a view's rows go, in batches as they are made (nothing holds a whole export in memory). The formats are
/// the ones analysts load directly: CSV (RFC 4180), JSON (an array of row objects) and Parquet.
/// </summary>
public abstract class ViewRowWriter : IAsyncDisposable
{
    /// <summary>The format names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["csv", "json", "parquet"];

    /// <summary>
    /// A writer of <paramref name="format"/> for <paramref name="columns"/>. CSV and JSON are text and go to
    /// <paramref name="text"/>; Parquet is binary and needs <paramref name="binary"/>.
    /// </summary>
    public static ViewRowWriter Create(string format, IReadOnlyList<ViewColumn> columns, TextWriter? text, Stream? binary) => format switch
    {
        "csv" => new CsvRowWriter(columns, text ?? throw new ArgumentNullException(nameof(text))),
        "json" => new JsonRowWriter(columns, text ?? throw new ArgumentNullException(nameof(text))),
        "parquet" => new ParquetRowWriter(columns, binary ?? throw new ArgumentNullException(nameof(binary))),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, $"accepted: {string.Join(", ", Formats)}"),
    };

    public abstract ValueTask WriteAsync(IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>Ends the output (closing bracket, Parquet footer); call once after the last rows.</summary>
    public abstract ValueTask CompleteAsync(CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A single value as text the way CSV and string Parquet columns show it: invariant numbers, true/false.</summary>
    internal static string? Text(object? cell) => cell switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        long whole => whole.ToString(CultureInfo.InvariantCulture),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        object?[] items => JsonRowWriter.ArrayText(items),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture),
    };
}
