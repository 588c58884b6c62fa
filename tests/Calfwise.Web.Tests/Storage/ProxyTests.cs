using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Calfwise.Web.Tests.Storage;

/// <summary>
/// Issue 11: two instances of the real app on one PostgreSQL server behind Debian's nginx (docs/deploy.md): a log-in
/// through the proxy is valid on each instance.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
[Collection(PostgresTestGroup.Name)]
public sealed class ProxyTests(PostgresServer server) : IDisposable
{
    private const string Nginx = "/usr/sbin/nginx";
    private readonly string _folder = Directory.CreateTempSubdirectory("calfwise-proxy-").FullName;
    private readonly List<Process> _processes = [];

    [Fact]
    public async Task A_log_in_through_nginx_is_valid_on_both_instances_sharing_postgresql()
    {
        Assert.True(File.Exists(Nginx), $"nginx was not found at {Nginx}: apt-get install nginx-light (CI does)");
        var database = await server.CreateDatabaseAsync("proxy");
        var ports = new[] { Processes.FreePort(), Processes.FreePort() };
        var output = new StringBuilder();
        foreach (var port in ports)
        {
            Start(Processes.WebApp(["--urls", $"http://127.0.0.1:{port}", $"--ConnectionStrings:Postgres={database}", "--ForwardedHeaders:KnownProxies=127.0.0.1"]), output);
            await WaitAsync($"http://127.0.0.1:{port}/health", output);
        }

        var proxy = Processes.FreePort();
        var config = Path.Combine(_folder, "nginx.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 1;
            daemon off;
            pid {{_folder}}/nginx.pid;
            error_log {{_folder}}/error.log;
            events { }
            http {
                access_log off;
                client_body_temp_path {{_folder}}/body;
                proxy_temp_path {{_folder}}/proxy;
                fastcgi_temp_path {{_folder}}/fastcgi;
                uwsgi_temp_path {{_folder}}/uwsgi;
                scgi_temp_path {{_folder}}/scgi;
                upstream calfwise { server 127.0.0.1:{{ports[0]}}; server 127.0.0.1:{{ports[1]}}; }
                server {
                    listen 127.0.0.1:{{proxy}};
                    location / {
                        proxy_pass http://calfwise;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }
            }
            """));
        var nginx = new ProcessStartInfo(Nginx) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        // As root, nginx would hand its workers to "nobody", who cannot write to this folder.
        foreach (var argument in Environment.IsPrivilegedProcess ? ["-p", _folder, "-c", config, "-g", "user root;"] : new[] { "-p", _folder, "-c", config })
        {
            nginx.ArgumentList.Add(argument);
        }

        Start(nginx, output);
        await WaitAsync($"http://127.0.0.1:{proxy}/health", output);

        // Register and log in through the proxy; the requests land on either instance.
        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{proxy}") };
        const string Passphrase = "correct horse battery staple";
        var email = $"proxy-{Guid.NewGuid():N}@example.org";
        await CalfwiseFactory.PostFormAsync(client, "/Identity/Account/Register", new() { ["Input.Email"] = email, ["Input.Password"] = Passphrase, ["Input.ConfirmPassword"] = Passphrase });
        var login = await CalfwiseFactory.PostFormAsync(client, "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Passphrase });
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"log-in through nginx: {login.StatusCode}\n{Processes.Text(output)}");
        var session = cookies.GetCookieHeader(client.BaseAddress!);

        foreach (var port in ports)
        {
            using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/diary/episodes");
            request.Headers.Add("Cookie", session);
            var response = await direct.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"instance on {port}: {response.StatusCode}");
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            process.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private void Start(ProcessStartInfo start, StringBuilder output)
    {
        var process = Processes.Start(start, output);
        _processes.Add(process);
    }

    private static async Task WaitAsync(string url, StringBuilder output)
    {
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await client.GetAsync(url)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not up yet
            }

            await Task.Delay(500);
        }

        Assert.Fail($"{url} did not answer:\n{Processes.Text(output)}");
    }
}
