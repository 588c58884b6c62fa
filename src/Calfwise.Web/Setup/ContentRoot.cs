namespace Calfwise.Web.Setup;

/// <summary>
/// Where the app finds its settings, pages and static files: the working folder when it holds the app's
/// <c>appsettings.json</c> (<c>dotnet run</c> in the project), else the app's own folder (a published app started from
/// anywhere). Relative paths in the settings, such as the SQLite file, are read from here.
/// </summary>
public static class ContentRoot
{
    /// <returns>The content root; null when the app is hosted by another program (the tests' host chooses its own).</returns>
    public static string? Find(System.Reflection.Assembly app)
    {
        if (System.Reflection.Assembly.GetEntryAssembly() != app)
        {
            return null;
        }

        var current = Directory.GetCurrentDirectory();
        return File.Exists(Path.Combine(current, "appsettings.json")) ? current : AppContext.BaseDirectory;
    }

    /// <summary>A path from the settings: relative paths are taken from the content root, not the working folder.</summary>
    public static string Resolve(string contentRoot, string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));
}
