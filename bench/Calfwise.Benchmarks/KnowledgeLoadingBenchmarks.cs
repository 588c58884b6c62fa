using BenchmarkDotNet.Attributes;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Benchmarks;

/// <summary>
/// Loading the knowledge base: from the compiled form built into the program (what its first use does) and, for
/// comparison, from the YAML files as people edit them.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet derives a runner type from each benchmark class and rejects sealed ones.</remarks>
[MemoryDiagnoser]
public class KnowledgeLoadingBenchmarks
{
    private readonly byte[] _compiled = EmbeddedKnowledge.Compiled();
    private readonly Dictionary<string, string> _yaml = Directory.GetFiles(RepositoryRoot.PathOf("knowledge"), "*.yaml")
        .ToDictionary(path => Path.GetFileName(path), File.ReadAllText, StringComparer.Ordinal);

    [Benchmark(Baseline = true)]
    public KnowledgeLoadResult LoadCompiled() => KnowledgeLoader.LoadCompiled(_compiled);

    [Benchmark]
    public KnowledgeLoadResult LoadYaml() => KnowledgeLoader.Load(_yaml);
}
