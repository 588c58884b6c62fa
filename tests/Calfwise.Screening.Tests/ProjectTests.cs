namespace Calfwise.Screening.Tests;

public class ProjectTests
{
    [Fact]
    public void The_screening_library_is_built_on_core_alone()
    {
        var references = typeof(Calfwise.Screening.ScreeningAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("Calfwise.Web", references);
        Assert.DoesNotContain("Calfwise.Data", references);
    }
}
