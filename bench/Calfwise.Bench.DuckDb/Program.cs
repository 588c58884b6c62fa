using System.Diagnostics;
using DuckDB.NET.Data;

// calfwise-bench-duckdb SQL_FILE [NAME=VALUE]...
// Replaces each {{NAME}} in the SQL with VALUE and runs the statements in one in-memory DuckDB connection: the
// hand-written baseline of the population screening benchmark (docs/benchmarks.md, "Population screening").
if (args.Length == 0 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Calfwise.Bench.DuckDb SQL_FILE [NAME=VALUE]...  (the SQL file must exist)");
    return 2;
}

var sql = File.ReadAllText(args[0]);
foreach (var pair in args.Skip(1))
{
    var equals = pair.IndexOf('=', StringComparison.Ordinal);
    if (equals <= 0)
    {
        Console.Error.WriteLine($"'{pair}' is not NAME=VALUE");
        return 2;
    }

    sql = sql.Replace("{{" + pair[..equals] + "}}", pair[(equals + 1)..], StringComparison.Ordinal);
}

var clock = Stopwatch.StartNew();
using var connection = new DuckDBConnection("DataSource=:memory:");
connection.Open();
using var command = connection.CreateCommand();
command.CommandText = sql;
command.ExecuteNonQuery();
Console.Error.WriteLine($"duckdb baseline: {clock.Elapsed.TotalSeconds:F1} s");
return 0;
