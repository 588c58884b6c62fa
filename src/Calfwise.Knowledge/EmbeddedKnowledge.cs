using Calfwise.Core.Knowledge;

namespace Calfwise.Knowledge;

/// <summary>The knowledge base built into the program: compiled from knowledge/*.yaml at build time.</summary>
public static class EmbeddedKnowledge
{
    private static readonly Lazy<KnowledgeBase> Loaded = new(() => KnowledgeLoader.LoadCompiled(Compiled()).OrThrow());

    /// <summary>The shipped knowledge base, loaded once.</summary>
    public static KnowledgeBase Instance => Loaded.Value;

    /// <summary>The compiled form as built into this assembly.</summary>
    public static byte[] Compiled()
    {
        using var stream = typeof(EmbeddedKnowledge).Assembly.GetManifestResourceStream("knowledge.json")
            ?? throw new InvalidOperationException("The compiled knowledge is missing from Calfwise.Knowledge: a build problem.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
