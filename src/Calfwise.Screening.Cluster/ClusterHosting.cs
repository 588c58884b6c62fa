using System.Net;
using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;
using Calfwise.Screening.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Calfwise.Screening.Cluster;

/// <summary>Where the cluster meets: its membership table in Redis, and its name.</summary>
/// <param name="Redis">A StackExchange.Redis configuration string (host:port[,options]).</param>
/// <param name="ClusterId">Silos and the client of one cluster share it.</param>
public sealed record ClusterSettings(string Redis, string ClusterId = "calfwise")
{
    /// <summary>
    /// How long a grain call may take before it is given up and retried. Orleans' default (30 s) suits interactive
    /// calls; a work item takes seconds, and a silo that died with an item in flight should cost little more than
    /// that, so calls wait this long (items are cut small enough to finish well within it: <see cref="ChunkBytes"/>).
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The share of a file a cluster work item reads: small, so work spreads and a lost item is cheap to redo.</summary>
    public const long ChunkBytes = 16L << 20;
}

public static class ClusterHosting
{
    /// <summary>Makes this host a silo of the screening cluster on the given ports (loopback when <paramref name="address"/> is null).</summary>
    public static IHostApplicationBuilder AddScreeningSilo(this IHostApplicationBuilder builder, ClusterSettings settings, int siloPort, int gatewayPort, IPAddress? address = null)
    {
        builder.Services.AddSingleton<KnowledgeBase>(_ => EmbeddedKnowledge.Instance);
        builder.Services.AddSingleton(_ => ScreeningViews.Shipped);
        builder.UseOrleans(silo =>
        {
            silo.UseRedisClustering(settings.Redis);
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, "calfwise-screening"));
            silo.ConfigureEndpoints(address ?? IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: address is not null);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ClusterSettings.ResponseTimeout);
            // A silo that stops answering is declared dead within a few seconds, so its work is retried soon.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        });
        return builder;
    }

    /// <summary>Makes this host a client of the screening cluster (the coordinator of a job).</summary>
    public static IHostApplicationBuilder AddScreeningClient(this IHostApplicationBuilder builder, ClusterSettings settings)
    {
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(settings.Redis);
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, "calfwise-screening"));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClusterSettings.ResponseTimeout);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        });
        return builder;
    }
}
