using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Calfwise.Screening.Tests.Cluster;

/// <summary>A calfwise-silo as a separate process on loopback (src/Calfwise.Silo as built beside these tests).</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(string redis, string clusterId)
    {
        var configuration = typeof(SiloProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var dll = Path.Combine(Repository.Root, "src", "Calfwise.Silo", "bin", configuration, framework, "calfwise-silo.dll");
        Assert.True(File.Exists(dll), $"the silo is not built: {dll} is missing");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "--redis", redis, "--cluster-id", clusterId, "--silo-port", Port(), "--gateway-port", Port() })
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Line(e.Data);
        _process.ErrorDataReceived += (_, e) => Line(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static async Task<SiloProcess> StartAsync(string redis, string clusterId)
    {
        var silo = new SiloProcess(redis, clusterId);
        if (await Task.WhenAny(silo._ready.Task, Task.Delay(TimeSpan.FromSeconds(60))) != silo._ready.Task)
        {
            silo.Dispose();
            throw new TimeoutException($"the silo did not start within 60 s:\n{silo.Output}");
        }

        return silo;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Kills the silo at once, as a crash would (no graceful shutdown, no goodbye to the cluster).</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static string Port() => RedisServer.FreePort().ToString(CultureInfo.InvariantCulture);

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("calfwise-silo: ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
