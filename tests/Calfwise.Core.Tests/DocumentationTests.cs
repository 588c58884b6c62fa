using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

public sealed class DocumentationTests
{
    [Fact]
    public void The_grade_D_list_in_docs_knowledge_matches_the_knowledge_base()
    {
        var path = Path.Combine(Repository.Root, "docs", "knowledge.md");
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = text.IndexOf(EstimateReport.StartMarker, StringComparison.Ordinal) + EstimateReport.StartMarker.Length;
        var end = text.IndexOf(EstimateReport.EndMarker, StringComparison.Ordinal);
        Assert.True(start > EstimateReport.StartMarker.Length && end > start, "docs/knowledge.md lacks the estimate markers");
        var documented = text[start..end].Trim();
        var generated = EstimateReport.Markdown(EmbeddedKnowledge.Instance).Trim();
        Assert.True(documented == generated, "docs/knowledge.md is out of date: paste the output of `dotnet run --project src/Calfwise.Cli -- knowledge check --estimates` between the estimate markers.");
    }
}
