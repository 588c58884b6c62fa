namespace Calfwise.Core.Knowledge;

/// <summary>A problem in a knowledge file, with where it is.</summary>
public sealed record KnowledgeError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>Thrown when the embedded knowledge base does not validate: a bug in the shipped data.</summary>
public sealed class KnowledgeLoadException(IReadOnlyList<KnowledgeError> errors)
    : Exception("The knowledge base is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<KnowledgeError> Errors { get; } = errors;
}

internal sealed class ErrorSink
{
    private readonly List<KnowledgeError> _errors = [];

    public IReadOnlyList<KnowledgeError> Errors => _errors;

    public void Add(string file, int line, string message) => _errors.Add(new KnowledgeError(file, line, message));

    public void Add(SourceLocation at, string message) => Add(at.File, at.Line, message);
}
