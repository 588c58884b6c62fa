namespace Calfwise.Screening.Synth;

/// <summary>
/// One patient's random stream: seeded from the export's seed and the patient's index, so any patient can be made
/// alone, on any core, and comes out the same (System.Random's seeded algorithm is fixed for compatibility).
/// </summary>
internal sealed class SynthRandom(int seed, long index)
{
    private readonly Random _random = new(Mix(seed, index));

    /// <summary>SplitMix64's finaliser: spreads nearby seeds and indexes over the whole range.</summary>
    private static int Mix(int seed, long index)
    {
        var z = ((ulong)(uint)seed << 32) ^ (ulong)index;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public int Between(int min, int maxInclusive) => _random.Next(min, maxInclusive + 1);

    public decimal Between(decimal min, decimal max) => min + (max - min) * (decimal)_random.NextDouble();

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A random (version 4 shaped) UUID for a resource id, from this stream so it is reproducible.</summary>
    public string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
