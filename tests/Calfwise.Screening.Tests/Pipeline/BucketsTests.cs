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
}
