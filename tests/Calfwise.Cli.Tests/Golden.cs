namespace Calfwise.Cli.Tests;

/// <summary>
/// Compares output with a committed expected file under Golden/. On a mismatch it writes NAME.received.txt next to
/// NAME.expected.txt in the source tree, so the difference can be read and, if right, copied over.
/// </summary>
internal static class Golden
{
    public static void Verify(string name, string actual)
    {
        var folder = Path.Combine(Repository.Root, "tests", "Calfwise.Cli.Tests", "Golden");
        var expectedPath = Path.Combine(folder, name + ".expected.txt");
        var receivedPath = Path.Combine(folder, name + ".received.txt");
        var normalized = Normalize(actual);
        var expected = File.Exists(expectedPath) ? Normalize(File.ReadAllText(expectedPath)) : null;
        if (expected == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(expected is null
            ? $"No expected output for '{name}' yet; wrote {receivedPath}. Review it and rename it to {Path.GetFileName(expectedPath)}."
            : $"Output for '{name}' differs from {expectedPath}; wrote {receivedPath} to compare.");
    }

    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd())).Trim() + "\n";
}
