using System.Net;
using System.Net.Sockets;
using System.Text;
using Calfwise.Web.Setup;
using Calfwise.Web.Tests.Storage;

namespace Calfwise.Web.Tests;

/// <summary>A friendly start: a port in use is said in two lines with how to choose another, not a stack trace.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("calfwise-startup-").FullName;

    [Fact]
    public void The_message_names_the_address_and_the_next_port_with_both_ways_to_choose_it()
    {
        var message = StartupMessages.AddressInUse("http://localhost:5080");

        Assert.Equal(2, message.Split('\n').Length);
        Assert.Contains("http://localhost:5080 is already in use", message, StringComparison.Ordinal);
        Assert.Contains("--urls http://localhost:5081", message, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS=http://localhost:5081", message, StringComparison.Ordinal);
        Assert.Contains("--urls http://127.0.0.1:9001", StartupMessages.AddressInUse("http://127.0.0.1:9000;http://127.0.0.1:9443"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait(TestCategories.Name, TestCategories.Slow)]
    public async Task A_port_in_use_exits_with_a_short_message_and_a_hint_not_a_stack_trace()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var (exitCode, output) = await RunAppAsync($"http://127.0.0.1:{port}");

            Assert.True(exitCode == StartupMessages.AddressInUseExitCode, $"exit code {exitCode}:\n{output}");
            Assert.Contains($"http://127.0.0.1:{port} is already in use", output, StringComparison.Ordinal);
            Assert.Contains($"--urls http://127.0.0.1:{port + 1}", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
            Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    [Trait(TestCategories.Name, TestCategories.Slow)]
    public async Task Started_from_another_folder_the_app_reads_its_own_settings_and_listens_where_ASPNETCORE_URLS_says()
    {
        var port = Processes.FreePort();
        var start = Processes.WebApp([$"--Storage:SqlitePath={Path.Combine(_folder, "calfwise.db")}"]);
        start.WorkingDirectory = _folder; // not the app's folder: no appsettings.json here
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}"; // no Urls in appsettings.json overrides it
        var output = new StringBuilder();
        using var process = Processes.Start(start, output);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            // (Static files come from the app's folder once published; a build's bin folder has no wwwroot.)
            string? health = null;
            for (var attempt = 0; attempt < 60 && health is null; attempt++)
            {
                try
                {
                    health = await client.GetStringAsync("/health");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(500);
                }
            }

            Assert.True(health == "Healthy", $"the app did not answer on {port}:\n{Processes.Text(output)}");
            var root = Path.GetDirectoryName(start.ArgumentList[0])!;
            Assert.Contains($"Content root path: {root}", Processes.Text(output), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Runs the app as built next to these tests on <paramref name="urls"/> until it exits (at most a minute).</summary>
    private async Task<(int ExitCode, string Output)> RunAppAsync(string urls)
    {
        var start = Processes.WebApp(["--urls", urls, $"--Storage:SqlitePath={Path.Combine(_folder, "calfwise.db")}"]);
        var output = new StringBuilder();
        using var process = Processes.Start(start, output);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the app kept running on a port in use:\n{Processes.Text(output)}");
        }

        return (process.ExitCode, Processes.Text(output));
    }
}
