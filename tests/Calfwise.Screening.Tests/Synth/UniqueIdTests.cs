using Calfwise.Screening.Synth;

namespace Calfwise.Screening.Tests.Synth;

/// <summary>
/// Each patient's random stream has a 31-bit seed, so in a large export some patients share a stream (a 1,000,000
/// patient export once held 247 patient ids twice, with every resource duplicated). Ids must still be their own.
/// </summary>
public sealed class UniqueIdTests
{
    [Fact]
    public void Two_patients_whose_streams_coincide_still_get_different_ids()
    {
        var (first, second) = TwoPatientsSharingAStream(seed: 1);
        var a = new SynthRandom(1, first);
        var b = new SynthRandom(1, second);

        var idsA = Enumerable.Range(0, 20).Select(_ => a.NewId()).ToList();
        var idsB = Enumerable.Range(0, 20).Select(_ => b.NewId()).ToList();

        Assert.Empty(idsA.Intersect(idsB));
        Assert.All(idsA.Concat(idsB), id => Assert.True(Guid.TryParse(id, out var guid) && guid.Version == 4 && id[19] is '8' or '9' or 'a' or 'b', id));
    }

    [Fact]
    public void The_same_patient_gets_the_same_ids_every_time()
    {
        var once = new SynthRandom(7, 123_456);
        var again = new SynthRandom(7, 123_456);

        Assert.Equal(Enumerable.Range(0, 5).Select(_ => once.NewId()), Enumerable.Range(0, 5).Select(_ => again.NewId()));
    }

    /// <summary>Two patient indexes whose streams have the same 31-bit seed (a birthday search: some 77,000 tries on average).</summary>
    private static (long First, long Second) TwoPatientsSharingAStream(int seed)
    {
        var seen = new Dictionary<int, long>();
        for (long index = 0; index < 2_000_000; index++)
        {
            if (!seen.TryAdd(SynthRandom.Mix(seed, index), index))
            {
                return (seen[SynthRandom.Mix(seed, index)], index);
            }
        }

        throw new InvalidOperationException("no two patients share a stream in the first 2,000,000");
    }
}
