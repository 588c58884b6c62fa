namespace Calfwise.Screening.Views;

/// <summary>
/// One column of a view's output, in output order: its name, the FHIR type the view declares (null when it declares
/// none) and whether each cell holds an array of values.
/// </summary>
public sealed record ViewColumn(string Name, string? Type, bool Collection);
