using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using Calfwise.Core.Knowledge;

namespace Calfwise.Benchmarks;

/// <summary>Parsing and validating the embedded knowledge YAML files, as the first use of the knowledge base does.</summary>
/// <remarks>Not sealed: BenchmarkDotNet derives a runner type from each benchmark class and rejects sealed ones.</remarks>
[MemoryDiagnoser]
public class KnowledgeLoadingBenchmarks
{
    [Benchmark]
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "BenchmarkDotNet benchmarks are instance methods.")]
    public KnowledgeLoadResult LoadEmbedded() => KnowledgeLoader.LoadEmbedded();
}
