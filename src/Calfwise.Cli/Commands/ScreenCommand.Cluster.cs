using Calfwise.Screening;
#if SCREENING_CLUSTER
using Calfwise.Screening.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
#endif

namespace Calfwise.Cli.Commands;

public sealed partial class ScreenCommand
{
#if SCREENING_CLUSTER
    /// <summary>Connects to the cluster as a client, runs the job there and disconnects.</summary>
    private async Task<ScreeningResult> RunOnClusterAsync(ScreenSettings settings, ScreeningOptions options, IProgress<ScreeningProgress>? progress, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddScreeningClient(new ClusterSettings(settings.Redis!, settings.ClusterId));
        using var host = builder.Build();
        await host.StartAsync(cancellation);
        try
        {
            return await new ClusterScreening(host.Services.GetRequiredService<IClusterClient>()).RunAsync(options, knowledge, progress, cancellation);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
#else
    private static Task<ScreeningResult> RunOnClusterAsync(ScreenSettings settings, ScreeningOptions options, IProgress<ScreeningProgress>? progress, CancellationToken cancellation) =>
        throw new Calfwise.Screening.Pipeline.ScreeningInputException("--cluster does not run in the Native AOT build (Orleans needs the JIT); use the portable package (-r any) or dotnet run");
#endif
}
