using System.Text.Json;

namespace Calfwise.Screening.Views;

/// <summary>
/// What one evaluation needs besides its focus: the resource being read, and a pool of collections so evaluating an
/// expression over millions of resources reuses the same few lists instead of allocating new ones. Not thread-safe:
/// each thread has its own (see <see cref="CompiledView"/>).
/// </summary>
internal sealed class EvalContext
{
    private readonly Stack<List<Item>> _free = new();

    public JsonElement Resource { get; set; }

    public List<Item> Rent() => _free.Count > 0 ? _free.Pop() : new List<Item>(4);

    public void Return(List<Item> list)
    {
        list.Clear();
        _free.Push(list);
    }

    /// <summary>A collection holding one item, rented: return it when done.</summary>
    public List<Item> RentSingle(in Item item)
    {
        var list = Rent();
        list.Add(item);
        return list;
    }
}
