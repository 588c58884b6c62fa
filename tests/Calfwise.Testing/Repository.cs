namespace Calfwise.Testing;

/// <summary>The repository the tests run from: found by walking up from the test binaries to Calfwise.slnx.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository's root folder.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository's root.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The knowledge YAML files in the repository, by file name: to load, or to change and load in a test.</summary>
    public static Dictionary<string, string> KnowledgeFiles() =>
        Directory.GetFiles(PathOf("knowledge"), "*.yaml")
            .ToDictionary(path => Path.GetFileName(path), File.ReadAllText, StringComparer.Ordinal);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Calfwise.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Calfwise.slnx not found above " + AppContext.BaseDirectory);
    }
}
