namespace Calfwise.Testing;

/// <summary>
/// Test categories, used as <c>[Trait(TestCategories.Name, TestCategories.Slow)]</c>. Slow tests start a browser, a
/// database server or other processes; <c>dotnet test --filter Category!=Slow</c> runs everything else.
/// </summary>
public static class TestCategories
{
    public const string Name = "Category";

    public const string Slow = "Slow";
}
