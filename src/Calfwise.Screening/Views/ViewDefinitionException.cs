namespace Calfwise.Screening.Views;

/// <summary>
/// A ViewDefinition that cannot be run: the message names the JSON path of the fault and what is accepted there, so
/// whoever wrote the view can fix it without reading this code.
/// </summary>
public sealed class ViewDefinitionException : Exception
{
    public ViewDefinitionException(string jsonPath, string problem)
        : base($"{jsonPath}: {problem}")
    {
        JsonPath = jsonPath;
    }

    /// <summary>Where in the view's JSON the fault is, such as <c>$.select[0].column[2].path</c>.</summary>
    public string JsonPath { get; }
}

/// <summary>
/// A resource the view cannot flatten as the specification demands, such as several values for a column that is not
/// a collection. Raised while running, so the caller can say which resource (file and line) it was.
/// </summary>
public sealed class ViewEvaluationException : Exception
{
    public ViewEvaluationException(string message)
        : base(message)
    {
    }
}
