using System.Globalization;
using System.Net;
using Calfwise.Screening.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// calfwise-silo --redis HOST:PORT [--cluster-id ID] [--silo-port N] [--gateway-port N] [--address IP]
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        return Usage($"'{args[i]}' is not an option with a value");
    }

    options[args[i][2..]] = args[++i];
}

var unknown = options.Keys.Except(["redis", "cluster-id", "silo-port", "gateway-port", "address"]).ToList();
if (unknown.Count > 0)
{
    return Usage($"unknown option --{unknown[0]}");
}

if (!options.TryGetValue("redis", out var redis))
{
    return Usage("--redis is required: the Redis server the cluster's membership table lives in (host:port)");
}

if (!Port("silo-port", 11111, out var siloPort) || !Port("gateway-port", 30000, out var gatewayPort))
{
    return Usage("--silo-port and --gateway-port take a port number from 1 to 65535");
}

IPAddress? address = null;
if (options.TryGetValue("address", out var text) && !IPAddress.TryParse(text, out address))
{
    return Usage($"--address: '{text}' is not an IP address");
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddScreeningSilo(new ClusterSettings(redis, options.GetValueOrDefault("cluster-id", "calfwise")), siloPort, gatewayPort, address);
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"calfwise-silo: ready (silo port {siloPort}, gateway port {gatewayPort})");
await host.WaitForShutdownAsync();
return 0;

bool Port(string name, int fallback, out int port)
{
    port = fallback;
    return !options.TryGetValue(name, out var value) || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536);
}

static int Usage(string problem)
{
    Console.Error.WriteLine($"calfwise-silo: {problem}");
    Console.Error.WriteLine("usage: calfwise-silo --redis HOST:PORT [--cluster-id ID] [--silo-port N] [--gateway-port N] [--address IP]");
    return 2;
}
