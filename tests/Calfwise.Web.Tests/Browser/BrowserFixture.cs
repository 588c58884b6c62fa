using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Calfwise.Web.Tests.Browser;

/// <summary>
/// The real app on Kestrel at a free loopback port (a browser cannot reach the in-memory TestServer), on its own
/// SQLite file, and one headless Debian Chromium shared by the browser tests; each test opens its own context.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes the fixture through IAsyncLifetime.DisposeAsync.")]
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; CALFWISE_CHROMIUM may point elsewhere.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CALFWISE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private KestrelFactory? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app's address, for example http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            // Fail, never skip: CI installs it, and a silently skipped browser suite proves nothing.
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. The browser tests drive Debian's Chromium: install it with " +
                "'apt-get update && apt-get install -y chromium' (CI does), or set CALFWISE_CHROMIUM to a Chromium binary.");
        }

        _factory = new KestrelFactory();
        _factory.UseKestrel(0); // a free port on the loopback interface
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) at the app's address, phone-sized unless told otherwise.</summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 414, int height = 896)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(Debugger.IsAttached ? 0 : 15_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>Program on Kestrel, with the same settings as the in-memory integration tests.</summary>
    private sealed class KestrelFactory : WebApplicationFactory<Program>
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("calfwise-browser-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Storage:SqlitePath", Path.Combine(_folder, "calfwise.db"));
            builder.UseSetting("RateLimits:ApiPermitsPerMinute", "100000");
            builder.UseSetting("RateLimits:LoginPermitsPerMinute", "1000");
            builder.UseSetting("RateLimits:PagePostsPerMinute", "100000"); // one browser walks many pages a minute
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left in the temporary folder.
            }
        }
    }
}
