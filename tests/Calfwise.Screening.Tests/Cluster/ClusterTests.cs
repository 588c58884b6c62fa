using Calfwise.Knowledge;
using Calfwise.Screening.Cluster;
using Calfwise.Testing.Screening;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Calfwise.Screening.Tests.Cluster;

/// <summary>
/// The screening on a cluster of three silo processes (membership in a real Redis server): one silo is killed mid-job,
/// its work items are retried on the others, and every output equals the single-process run's, byte for byte.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ClusterTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-cluster-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_silo_killed_mid_job_loses_no_patient_and_the_output_equals_the_single_process_run()
    {
        var export = Path.Combine(_root, "export");
        LabelledExport.Write(export);
        var embedded = Path.Combine(_root, "embedded");
        await ScreeningJob.RunAsync(new ScreeningOptions(export, embedded, LabelledExport.AsOf), EmbeddedKnowledge.Instance);

        var clusterId = $"test-{Guid.NewGuid():N}";
        var silos = new List<SiloProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await SiloProcess.StartAsync(redis.Configuration, clusterId));
            }

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.AddScreeningClient(new ClusterSettings(redis.Configuration, clusterId));
            using var client = builder.Build();
            await client.StartAsync();

            // Small items (2 KB of a file each) so the job has many, and the kill lands while items are in flight.
            var killed = 0;
            var progress = new SynchronousProgress(p =>
            {
                if (p.Phase == "flatten" && p.Done >= 3 && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    silos[1].Kill();
                }
            });
            var clustered = Path.Combine(_root, "cluster");
            var screening = new ClusterScreening(client.Services.GetRequiredService<IClusterClient>());
            var result = await screening.RunAsync(new ScreeningOptions(export, clustered, LabelledExport.AsOf, Workers: 6, ChunkBytes: 2048), EmbeddedKnowledge.Instance, progress);
            await client.StopAsync();

            Assert.Equal(1, killed);
            Assert.True(screening.Retries > 0, "no work item was retried: the kill did not land on work in flight");
            Assert.Equal(LabelledExport.Variants * Scenarios.All.Count, result.Assess.Patients);
            foreach (var file in new[] { "screening.csv", "screening.parquet", "Group.ndjson", "measure-report.json", "summary.html" })
            {
                Assert.True(File.ReadAllBytes(Path.Combine(embedded, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(clustered, file))), $"{file} differs from the single-process run");
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool, after the fact).</summary>
    private sealed class SynchronousProgress(Action<ScreeningProgress> report) : IProgress<ScreeningProgress>
    {
        public void Report(ScreeningProgress value) => report(value);
    }
}
