using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Calfwise.Web.Cds;

/// <summary>Feedback on cards (CDS Hooks 2.0 feedback), kept in memory per service until the database holds it.</summary>
public sealed class CdsFeedbackStore
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonNode>> _items = new(StringComparer.Ordinal);

    public void Add(string serviceId, JsonArray feedback)
    {
        var queue = _items.GetOrAdd(serviceId, _ => new ConcurrentQueue<JsonNode>());
        foreach (var item in feedback.OfType<JsonNode>())
        {
            queue.Enqueue(item.DeepClone());
        }
    }

    /// <summary>The feedback items received for a service, oldest first.</summary>
    public IReadOnlyList<JsonNode> For(string serviceId) => _items.TryGetValue(serviceId, out var queue) ? queue.ToList() : [];
}
