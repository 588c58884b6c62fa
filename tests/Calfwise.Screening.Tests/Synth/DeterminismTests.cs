using Calfwise.Screening.Synth;

namespace Calfwise.Screening.Tests.Synth;

/// <summary>The same seed and as-of day give byte-identical files, however many files are written at once.</summary>
public sealed class DeterminismTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 1);

    private static Dictionary<string, byte[]> Files(SynthOptions options)
    {
        var directory = ExportFiles.Write(options);
        try
        {
            return Directory.GetFiles(directory).ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes, StringComparer.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Same_seed_and_day_give_byte_identical_files_on_one_core_or_several()
    {
        var options = new SynthOptions(300, 42, AsOf) { PatientsPerFile = 100, Noise = NoiseLevel.Low };

        var first = Files(options with { Parallelism = 1 });
        var second = Files(options with { Parallelism = 3 });

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.Contains("Observation.002.ndjson", first.Keys);
        Assert.All(first, file => Assert.True(file.Value.AsSpan().SequenceEqual(second[file.Key]), $"{file.Key} differs"));
    }

    [Fact]
    public void Another_seed_or_day_gives_other_data()
    {
        var options = new SynthOptions(50, 42, AsOf) { Noise = NoiseLevel.Low };

        var reference = Files(options)["Observation.000.ndjson"];

        Assert.False(reference.AsSpan().SequenceEqual(Files(options with { Seed = 43 })["Observation.000.ndjson"]));
        Assert.False(reference.AsSpan().SequenceEqual(Files(options with { AsOf = AsOf.AddDays(1) })["Observation.000.ndjson"]));
    }

    [Fact]
    public void Gzip_writes_compressed_files_that_hold_the_same_lines()
    {
        var options = new SynthOptions(40, 5, AsOf) { Noise = NoiseLevel.Low };
        var plain = ExportFiles.Write(options);
        var gzip = ExportFiles.Write(options with { Gzip = true });
        try
        {
            var manifest = ExportFiles.Read(gzip).Manifest;
            Assert.All(manifest.GetProperty("output").EnumerateArray(), o => Assert.EndsWith(".ndjson.gz", o.GetProperty("url").GetString(), StringComparison.Ordinal));
            Assert.Equal(ExportFiles.Lines(Path.Combine(plain, "Observation.000.ndjson")), ExportFiles.Lines(Path.Combine(gzip, "Observation.000.ndjson.gz")));
        }
        finally
        {
            Directory.Delete(plain, recursive: true);
            Directory.Delete(gzip, recursive: true);
        }
    }

    [Fact]
    [Trait(TestCategories.Name, TestCategories.Slow)]
    public void Realistic_noise_writes_many_encounters_and_claims_per_patient_and_low_noise_few()
    {
        var realistic = ExportFiles.Write(new SynthOptions(100, 3, AsOf));
        var low = ExportFiles.Write(new SynthOptions(100, 3, AsOf) { Noise = NoiseLevel.Low });
        try
        {
            var many = ExportFiles.Read(realistic);
            var few = ExportFiles.Read(low);
            Assert.True(many.Of("Encounter").Count() >= 800, $"{many.Of("Encounter").Count()} encounters for 100 patients");
            Assert.Equal(many.Of("Encounter").Count(), many.Of("Claim").Count());
            Assert.True(few.Of("Encounter").Count() <= 200);
        }
        finally
        {
            Directory.Delete(realistic, recursive: true);
            Directory.Delete(low, recursive: true);
        }
    }
}
