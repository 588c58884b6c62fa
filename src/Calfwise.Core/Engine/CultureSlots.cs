using System.Globalization;

namespace Calfwise.Core.Engine;

/// <summary>
/// Things the engine makes from the knowledge base alone (texts with its numbers in them), kept once made so every
/// case shares them. Numbers are written in the thread's culture, so the slots are for one culture: a thread in
/// another gets new, empty slots. Thread-safe: two threads may make the same item, and either is kept.
/// </summary>
internal sealed class CultureSlots<T>(int count)
    where T : class
{
    private Slots _current = new(CultureInfo.CurrentCulture, new T?[count]);

    /// <summary>The slots for the current culture (fill one with <c>slots[i] ??= …</c>).</summary>
    public T?[] Current
    {
        get
        {
            var culture = CultureInfo.CurrentCulture;
            var current = _current;
            if (!ReferenceEquals(current.Culture, culture))
            {
                _current = current = new Slots(culture, new T?[count]);
            }

            return current.Items;
        }
    }

    private sealed record Slots(CultureInfo Culture, T?[] Items);
}
