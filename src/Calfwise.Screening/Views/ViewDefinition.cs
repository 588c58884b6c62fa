namespace Calfwise.Screening.Views;

/// <summary>
/// A SQL-on-FHIR v2 ViewDefinition (https://sql-on-fhir.org/ig/latest), read from its JSON and checked whole: its
/// structure, every FHIRPath expression, the constants they use, the column names and the unionAll branches. A view
/// that parses is one <see cref="CompiledView"/> can run, so a bad view fails before the first resource is read.
/// </summary>
public sealed class ViewDefinition
{
    private ViewDefinition(string name, string resource, string? status, ViewPlan plan)
    {
        Name = name;
        Resource = resource;
        Status = status;
        Plan = plan;
    }

    /// <summary>The view's name (its <c>name</c>; the resource type in lower case when it has none).</summary>
    public string Name { get; }

    /// <summary>The FHIR resource type the view reads, such as Observation.</summary>
    public string Resource { get; }

    /// <summary>The publication status the view declares (draft, active, retired, unknown), if any.</summary>
    public string? Status { get; }

    /// <summary>The output columns, in the order the specification gives them.</summary>
    public IReadOnlyList<ViewColumn> Columns => Plan.Columns;

    /// <summary>The checked, compiled form the runner uses.</summary>
    internal ViewPlan Plan { get; }

    /// <summary>Reads and checks a ViewDefinition; throws <see cref="ViewDefinitionException"/> naming what is wrong.</summary>
    public static ViewDefinition Parse(string json)
    {
        var model = ViewDefinitionReader.Read(json);
        var plan = ViewCompiler.Compile(model);
        return new ViewDefinition(model.Name ?? model.Resource.ToLowerInvariant(), model.Resource, model.Status, plan);
    }
}

/// <summary>The view as written: what <see cref="ViewDefinitionReader"/> reads before anything is compiled.</summary>
internal sealed record ViewModel(
    string? Name,
    string Resource,
    string? Status,
    IReadOnlyList<ConstantModel> Constants,
    IReadOnlyList<SelectModel> Select,
    IReadOnlyList<WhereModel> Where);

internal sealed record ConstantModel(string Name, System.Text.Json.JsonElement Value, string ValueType, string JsonPath);

internal sealed record WhereModel(string Path, string JsonPath);

internal sealed record ColumnModel(string Name, string Path, string? Type, bool Collection, string JsonPath);

internal sealed record SelectModel(
    string JsonPath,
    string? ForEach,
    string? ForEachOrNull,
    IReadOnlyList<ColumnModel> Columns,
    IReadOnlyList<SelectModel> Select,
    IReadOnlyList<SelectModel> UnionAll);
