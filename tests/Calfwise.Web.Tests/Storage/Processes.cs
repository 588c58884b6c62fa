using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Calfwise.Web.Tests.Storage;

/// <summary>Small helpers for the storage tests: running a program to completion, and a free TCP port.</summary>
internal static class Processes
{
    /// <summary>Runs a program, waits at most <paramref name="timeout"/>, and returns its output; a non-zero exit or a timeout throws with that output.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = Start(start, output);

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(start)} did not finish within {timeout.TotalSeconds:0} s\n{Text(output)}");
        }

        return process.ExitCode == 0
            ? Text(output)
            : throw new InvalidOperationException($"{Describe(start)} exited with {process.ExitCode}\n{Text(output)}");
    }

    /// <summary>
    /// How to start the web app as built next to these tests (src/Calfwise.Web/bin/&lt;configuration&gt;/&lt;framework&gt;/Calfwise.Web.dll)
    /// with <paramref name="arguments"/>, output redirected, in production.
    /// </summary>
    public static ProcessStartInfo WebApp(IEnumerable<string> arguments)
    {
        var configuration = typeof(Processes).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var bin = Path.Combine(Repository.Root, "src", "Calfwise.Web", "bin", configuration, framework);
        var dll = Path.Combine(bin, "Calfwise.Web.dll");
        Assert.True(File.Exists(dll), $"the web app is not built: {dll} is missing");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Prepend(dll))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in new[] { "ConnectionStrings__Postgres", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return start;
    }

    /// <summary>A TCP port free on loopback at the time of asking.</summary>
    public static int FreePort() => RedisServer.FreePort();

    /// <summary>Starts a process whose standard output and error lines are appended to <paramref name="output"/> as they come.</summary>
    public static Process Start(ProcessStartInfo start, StringBuilder output)
    {
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Appends a line of a child's output, safe to call from its output and error events at once.</summary>
    public static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Describe(ProcessStartInfo start) => $"{start.FileName} {string.Join(' ', start.ArgumentList)}";
}
