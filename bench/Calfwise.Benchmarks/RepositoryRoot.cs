namespace Calfwise.Benchmarks;

/// <summary>The repository the benchmarks run from, for the knowledge and view files they read.</summary>
internal static class RepositoryRoot
{
    /// <summary>A path under the repository's root (the folder holding Calfwise.slnx, found from the binaries up).</summary>
    public static string PathOf(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Calfwise.slnx")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? throw new InvalidOperationException("Calfwise.slnx not found");
        return Path.Combine([root, .. parts]);
    }
}
