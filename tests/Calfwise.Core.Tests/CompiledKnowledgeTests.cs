using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>The program ships the knowledge compiled at build time; it must be exactly the YAML people review.</summary>
public sealed class CompiledKnowledgeTests
{
    [Fact]
    public void The_shipped_compiled_knowledge_is_the_repository_yaml_compiled()
    {
        var (compiled, errors) = KnowledgeLoader.Compile(Repository.KnowledgeFiles());

        Assert.Empty(errors);
        Assert.NotNull(compiled);
        Assert.True(compiled.AsSpan().SequenceEqual(EmbeddedKnowledge.Compiled()), "the embedded knowledge is stale: rebuild Calfwise.Knowledge");
    }

    [Fact]
    public void Compiled_and_yaml_knowledge_have_one_version_and_give_the_same_assessments()
    {
        var fromYaml = KnowledgeLoader.Load(Repository.KnowledgeFiles()).OrThrow();
        var compiled = EmbeddedKnowledge.Instance;
        Assert.Equal(fromYaml.Version, compiled.Version);
        Assert.Matches("^k-[0-9a-f]{12}$", compiled.Version);

        var (yamlEngine, compiledEngine) = (new AssessmentEngine(fromYaml), new AssessmentEngine(compiled));
        var vignettes = Vignette.All();
        Assert.NotEmpty(vignettes);
        foreach (var vignette in vignettes)
        {
            Assert.Equal(AssessmentJson.Write(vignette.Assess(yamlEngine), fromYaml.Version), AssessmentJson.Write(vignette.Assess(compiledEngine), compiled.Version));
        }
    }

    [Fact]
    public void Compiled_knowledge_keeps_the_yaml_lines_of_what_it_holds()
    {
        var fromYaml = KnowledgeLoader.Load(Repository.KnowledgeFiles()).OrThrow();

        Assert.Equal(
            fromYaml.Conditions.Select(c => c.Location),
            EmbeddedKnowledge.Instance.Conditions.Select(c => c.Location));
    }

    [Fact]
    public void A_broken_file_does_not_compile_and_says_where()
    {
        var files = Repository.KnowledgeFiles();
        files["red-flags.yaml"] = files["red-flags.yaml"].Replace("finding: calf-swelling-one-side", "finding: calf-swelling-one-sid", StringComparison.Ordinal);

        var (compiled, errors) = KnowledgeLoader.Compile(files);

        Assert.Null(compiled);
        Assert.NotEmpty(errors);
        Assert.All(errors, error =>
        {
            Assert.Equal("red-flags.yaml", error.File);
            Assert.True(error.Line > 1);
            Assert.Contains("did you mean 'calf-swelling-one-side'", error.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Rule_kinds_are_a_table_and_an_unknown_kind_is_named_with_a_suggestion()
    {
        var files = Repository.KnowledgeFiles();
        files["red-flags.yaml"] = files["red-flags.yaml"].Replace("when: { finding: leg-cold-pale-numb }", "when: { findng: leg-cold-pale-numb }", StringComparison.Ordinal);

        var result = KnowledgeLoader.Load(files);

        Assert.Contains(result.Errors, e => e.File == "red-flags.yaml" && e.Message.Contains("unknown rule 'findng'; did you mean 'finding'", StringComparison.Ordinal));
    }
}
