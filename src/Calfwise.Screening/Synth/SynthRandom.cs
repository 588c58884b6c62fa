namespace Calfwise.Screening.Synth;

/// <summary>
/// One patient's random stream: seeded from the export's seed and the patient's index, so any patient can be made
/// alone, on any core, and comes out the same (System.Random's seeded algorithm is fixed for compatibility).
/// </summary>
internal sealed class SynthRandom(int seed, long index)
{
    // System.Random takes a 31-bit seed, so among a million patients some two hundred pairs share a stream and would be
    // made alike, ids included. Every id is mixed with this patient's own 64 bits (a bijection of seed and index), so
    // two patients never share an id, even when the rest of their record comes out the same.
    private readonly ulong _own = Own(seed, index);

    private readonly Random _random = new(Mix(seed, index));

    /// <summary>The 31-bit seed of a patient's stream: SplitMix64's finaliser spreads nearby seeds and indexes over the whole range.</summary>
    internal static int Mix(int seed, long index) => (int)(Own(seed, index) & int.MaxValue);

    /// <summary>A patient's own 64 bits: seed and index side by side, mixed.</summary>
    private static ulong Own(int seed, long index) => Mix64(((ulong)(uint)seed << 32) ^ (ulong)index);

    /// <summary>SplitMix64's finaliser, a bijection of 64-bit values.</summary>
    private static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public int Between(int min, int maxInclusive) => _random.Next(min, maxInclusive + 1);

    public decimal Between(decimal min, decimal max) => min + (max - min) * (decimal)_random.NextDouble();

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A random (version 4 shaped) UUID for a resource id, from this stream so it is reproducible, and this patient's own.</summary>
    public string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var own = BitConverter.GetBytes(_own);
        for (var i = 0; i < own.Length; i++)
        {
            bytes[i] ^= own[i];
        }

        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
