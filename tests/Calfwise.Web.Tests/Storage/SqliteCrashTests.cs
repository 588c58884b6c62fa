using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Calfwise.Web.Tests.Storage;

/// <summary>
/// Durability on SQLite: the real app runs as its own process on a file, and is killed hard while diary writes are in
/// flight. Every write it acknowledged with 201 must be in the file afterwards, and the file must pass an integrity check.
/// </summary>
/// <remarks>A process kill, not a power cut: the operating system still writes out what the process handed it.</remarks>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class SqliteCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Before = 40;
    private const int During = 200;
    private const int Parallel = 16;
    private const int AcknowledgedBeforeKill = 20;

    private readonly string _folder = Directory.CreateTempSubdirectory("calfwise-crash-").FullName;

    private string DatabasePath => Path.Combine(_folder, "calfwise.db");

    [Fact]
    public async Task Every_acknowledged_episode_survives_a_hard_kill_and_the_file_is_intact()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var port = Processes.FreePort();
        var log = new StringBuilder();
        using var app = StartApp(port, log);
        try
        {
            using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
            await WaitForHealthAsync(client, app, log, timeout.Token);
            await RegisterAsync(client, timeout.Token);

            var acknowledged = new ConcurrentBag<Guid>();
            for (var i = 0; i < Before; i++)
            {
                var response = await PostEpisodeAsync(client, i, timeout.Token);
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"episode {i}: {response.StatusCode} {await response.Content.ReadAsStringAsync(timeout.Token)}");
                acknowledged.Add(await IdAsync(response, timeout.Token));
            }

            // Now many writes at once, and a hard kill once some of them have been acknowledged.
            var inFlight = 0;
            var failed = 0;
            var refused = new ConcurrentBag<HttpStatusCode>();
            using var gate = new SemaphoreSlim(Parallel);
            using var enough = new SemaphoreSlim(0);
            var during = Enumerable.Range(Before, During).Select(async i =>
            {
                await gate.WaitAsync(timeout.Token);
                Interlocked.Increment(ref inFlight);
                try
                {
                    using var response = await PostEpisodeAsync(client, i, timeout.Token);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add(await IdAsync(response, timeout.Token)); // acknowledged only once the whole answer is read
                        if (acknowledged.Count >= Before + AcknowledgedBeforeKill)
                        {
                            enough.Release();
                        }
                    }
                    else
                    {
                        refused.Add(response.StatusCode);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or JsonException)
                {
                    Interlocked.Increment(ref failed); // cut off by the kill: not acknowledged, may or may not be stored
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                    gate.Release();
                }
            }).ToArray();

            await enough.WaitAsync(TimeSpan.FromSeconds(60), timeout.Token);
            var inFlightAtKill = Volatile.Read(ref inFlight);
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(during);
            output.WriteLine($"{acknowledged.Count} acknowledged, {Volatile.Read(ref failed)} without an answer, {inFlightAtKill} in flight at the kill, refused: [{string.Join(", ", refused)}]");
            Assert.Empty(refused); // an answer other than 201 before the kill would be a bug (for example the database busy)
            Assert.True(inFlightAtKill > 0, "no write was in flight when the app was killed");
            Assert.True(acknowledged.Count >= Before + AcknowledgedBeforeKill);

            var (integrity, stored) = ReadFile();
            output.WriteLine($"{stored.Count} episodes in the file, integrity_check: {integrity}");
            Assert.Equal("ok", integrity);
            var lost = acknowledged.Except(stored).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} acknowledged episodes are missing after the crash: {string.Join(", ", lost.Take(5))}");
            Assert.InRange(stored.Count, acknowledged.Count, Before + During);
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
            }

            output.WriteLine(Processes.Text(log));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The app as built next to these tests, on <paramref name="port"/>, with this test's database.</summary>
    private Process StartApp(int port, StringBuilder log)
    {
        var start = Processes.WebApp(["--urls", $"http://127.0.0.1:{port}", $"--Storage:SqlitePath={DatabasePath}", "--RateLimits:ApiPermitsPerMinute=100000"]);
        var process = Processes.Start(start, log);
        return process;
    }

    private static async Task WaitForHealthAsync(HttpClient client, Process app, StringBuilder log, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(app.HasExited, $"the app exited with {(app.HasExited ? app.ExitCode : 0)}:\n{Processes.Text(log)}");
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(probe.Token, cancellationToken);
                if ((await client.GetAsync("/health", linked.Token)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"the app did not become healthy within 60 s:\n{Processes.Text(log)}");
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Registers, then logs in (registering does not sign in: it must not tell which addresses have accounts).</summary>
    private static async Task RegisterAsync(HttpClient client, CancellationToken cancellationToken)
    {
        const string password = "correct horse battery";
        var email = $"crash-{Guid.NewGuid():N}@example.org";
        var registered = await CalfwiseFactory.PostFormAsync(client, "/Identity/Account/Register", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Assert.True(registered.StatusCode == HttpStatusCode.Redirect, $"registration failed: {registered.StatusCode}");
        var loggedIn = await CalfwiseFactory.PostFormAsync(client, "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(loggedIn.StatusCode == HttpStatusCode.Redirect, $"log-in failed: {loggedIn.StatusCode} {await loggedIn.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private static Task<HttpResponseMessage> PostEpisodeAsync(HttpClient client, int i, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-2).AddMinutes(i).ToOffset(TimeSpan.FromHours(1));
        return client.PostAsJsonAsync(
            "/api/diary/episodes",
            new { start = start.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), durationMinutes = 5, leg = "left", location = $"calf {i}", kind = "cramp", intensity = 5, atRest = true },
            cancellationToken);
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();

    /// <summary>Opens the file as the crashed app left it (SQLite replays its write-ahead log) and reads the integrity check and every episode id.</summary>
    private (string Integrity, HashSet<Guid> Episodes) ReadFile()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var integrity = Convert.ToString(check.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT \"Id\" FROM \"Episodes\"";
        var ids = new HashSet<Guid>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }

        return (integrity, ids);
    }
}
