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

    [Fact]
    public void Docs_case_format_names_every_field_of_the_case_and_the_assessment_contracts()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "case-format.md"));
        var fields = new[] { typeof(Contracts.CaseRequest), typeof(Contracts.CaseLabRequest), typeof(Contracts.AssessmentResponse) }
            .SelectMany(type => type.GetProperties().Where(p => p.DeclaringType == type && p.Name != "EqualityContract"))
            .Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .ToList();

        Assert.Contains("knowledgeVersion", fields);
        Assert.All(fields, field => Assert.True(text.Contains($"`{field}", StringComparison.Ordinal) || text.Contains($".{field}`", StringComparison.Ordinal), $"docs/case-format.md does not describe `{field}`"));
    }
}
