using Calfwise.Screening.Pipeline;

namespace Calfwise.Screening.Tests.Pipeline;

public sealed class BucketsTests
{
    private static ScanItem Item(string name, long bytes) => new(0, new ExportFile($"/export/{name}", "Observation", bytes), 0, bytes);

    [Fact]
    public void A_gzip_file_counts_as_its_decompressed_size()
    {
        const long gigabyte = 1L << 30;
        var plain = Buckets.CountFor([Item("Observation.000.ndjson", 8 * gigabyte)]);
        var gzip = Buckets.CountFor([Item("Observation.000.ndjson.gz", gigabyte)]);

        Assert.Equal(32, plain);
        Assert.Equal(plain, gzip);
    }

    [Fact]
    public void A_small_export_still_has_a_bucket_for_every_core()
    {
        Assert.Equal(8, Buckets.CountFor([Item("Patient.000.ndjson.gz", 1000), Item("Patient.001.ndjson", 1000)]));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(40)]
    [InlineData(200)]
    [InlineData(1024)]
    public void The_buffers_of_the_bucket_files_open_together_do_not_grow_with_the_bucket_count(int buckets)
    {
        Assert.True(Buckets.BufferBytes(buckets) * (long)buckets <= Buckets.OpenFilesBufferBytes);
        Assert.InRange(Buckets.BufferBytes(buckets), 4096, 1 << 16);
    }

    [Fact]
    public void The_passes_over_a_bucket_share_its_patients_evenly()
    {
        var ofOneBucket = Enumerable.Range(0, 40_000).Select(i => $"patient-{i}").Where(id => Buckets.Of(id, 8) == 3).ToList();

        var perPass = ofOneBucket.GroupBy(id => Buckets.PassOf(id, 4)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([0, 1, 2, 3], perPass.Keys.Order());
        Assert.All(perPass.Values, n => Assert.InRange(n, ofOneBucket.Count * 0.2, ofOneBucket.Count * 0.3));
    }
}
