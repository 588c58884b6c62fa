using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Calfwise.Screening.Views;

namespace Calfwise.Screening.Tests.SqlOnFhir;

/// <summary>
/// Runs one case of the SQL-on-FHIR v2 test suite the way the specification's own test runner judges it: the view
/// over the file's resources, rows compared as sets of row objects (order ignored), column order only when the case
/// gives expectColumns, and a case with expectError (or with no expectation at all) passing only when the view or a
/// resource raises an error.
/// </summary>
internal static class ConformanceRunner
{
    public static string Folder => Repository.PathOf("tests", "Calfwise.Screening.Tests", "SqlOnFhir");

    /// <summary>Every case of every file: file name, index in the file, title.</summary>
    public static IEnumerable<(string File, int Index, string Title)> AllCases()
    {
        foreach (var path in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var index = 0;
            foreach (var test in document.RootElement.GetProperty("tests").EnumerateArray())
            {
                yield return (Path.GetFileName(path), index++, test.GetProperty("title").GetString()!);
            }
        }
    }

    /// <summary>Why the case fails, or null when it passes.</summary>
    public static string? Failure(string file, int index)
    {
        var suite = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))!.AsObject();
        var test = suite["tests"]![index]!.AsObject();
        var resources = suite["resources"]!.AsArray();
        var view = test["view"]!.AsObject();
        var expectsRows = test.ContainsKey("expect");
        if (expectsRows && !view.ContainsKey("resource"))
        {
            // Written when resource was optional: the fixtures' one resource type is what the view meant.
            view["resource"] = resources.Select(r => r!["resourceType"]!.GetValue<string>()).Distinct().Single();
        }

        List<object?[]> rows = [];
        IReadOnlyList<ViewColumn> columns = [];
        Exception? error = null;
        try
        {
            var compiled = CompiledView.Compile(ViewDefinition.Parse(view.ToJsonString()));
            columns = compiled.Columns;
            using var fixtures = JsonDocument.Parse(resources.ToJsonString());
            foreach (var resource in fixtures.RootElement.EnumerateArray())
            {
                compiled.Run(resource, rows);
            }
        }
        catch (Exception caught) when (caught is ViewDefinitionException or ViewEvaluationException)
        {
            error = caught;
        }

        if (!expectsRows && !test.ContainsKey("expectColumns"))
        {
            return error is null ? "expected an error, but the view ran" : null;
        }

        if (error is not null)
        {
            return $"unexpected error: {error.Message}";
        }

        if (test["expectColumns"] is JsonArray expectedColumns)
        {
            var expected = expectedColumns.Select(c => c!.GetValue<string>()).ToList();
            if (!expected.SequenceEqual(columns.Select(c => c.Name)))
            {
                return $"columns ({string.Join(", ", columns.Select(c => c.Name))}), expected ({string.Join(", ", expected)})";
            }
        }

        var actual = rows.Select(row => Canonical(columns, row)).Order(StringComparer.Ordinal).ToList();
        var wanted = test["expect"]!.AsArray().Select(row => Canonical(row!.AsObject())).Order(StringComparer.Ordinal).ToList();
        return actual.SequenceEqual(wanted)
            ? null
            : $"rows\n  {string.Join("\n  ", actual)}\nexpected\n  {string.Join("\n  ", wanted)}";
    }

    private static string Canonical(IReadOnlyList<ViewColumn> columns, object?[] row) =>
        Canonical(columns.Select((column, i) => (column.Name, Cell(row[i]))));

    private static string Canonical(JsonObject row) =>
        Canonical(row.Select(pair => (pair.Key, Cell(pair.Value))));

    private static string Canonical(IEnumerable<(string Name, string Value)> cells) =>
        "{" + string.Join(",", cells.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => $"{c.Name}:{c.Value}")) + "}";

    private static string Cell(object? value) => value switch
    {
        null => "null",
        string text => JsonSerializer.Serialize(text),
        bool flag => flag ? "true" : "false",
        long whole => whole.ToString(CultureInfo.InvariantCulture),
        decimal number => Number(number),
        object?[] items => "[" + string.Join(",", items.Select(Cell)) + "]",
        _ => throw new InvalidOperationException($"a cell of type {value.GetType()}"),
    };

    private static string Cell(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray items => "[" + string.Join(",", items.Select(Cell)) + "]",
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => Number(value.GetValue<decimal>()),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonSerializer.Serialize(value.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    /// <summary>Numbers compare by value, as JavaScript's do: 1.50 and 1.5 are the same, and 5 and 5.0.</summary>
    private static string Number(decimal number) => (number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
