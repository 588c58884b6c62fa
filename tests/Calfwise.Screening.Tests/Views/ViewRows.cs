using System.Text.Json;
using Calfwise.Screening.Views;

namespace Calfwise.Screening.Tests.Views;

/// <summary>Runs a view over resources written inline and gives the rows as column name → cell, for readable asserts.</summary>
internal static class ViewRows
{
    public static List<Dictionary<string, object?>> Run(string viewJson, params string[] resources)
    {
        var view = CompiledView.Compile(ViewDefinition.Parse(viewJson));
        var rows = new List<object?[]>();
        foreach (var resource in resources)
        {
            using var document = JsonDocument.Parse(resource);
            view.Run(document.RootElement, rows);
        }

        return rows.Select(row => view.Columns.Select((column, i) => (column.Name, row[i])).ToDictionary(c => c.Name, c => c.Item2)).ToList();
    }

    public static List<Dictionary<string, object?>> RunFile(string viewFile, params string[] resources) =>
        Run(File.ReadAllText(Repository.PathOf("knowledge", "views", viewFile)), resources);
}
