using Microsoft.AspNetCore.Connections;

namespace Calfwise.Web.Setup;

/// <summary>
/// A friendly start: when the address to listen on is taken (another Calfwise, or another program, on port 5080), the
/// app says so in two lines with how to choose another port, and exits with <see cref="AddressInUseExitCode"/>,
/// instead of a stack trace.
/// </summary>
public static class StartupMessages
{
    /// <summary>The exit code when the address is taken (the sysexits code for an unavailable service).</summary>
    public const int AddressInUseExitCode = 69;

    // The host logs a failed start with its stack trace under this category; the failure is reported here instead
    // (a port in use in two lines, anything else by the runtime with its stack trace, as before).
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>Leaves the report of a failed start to <see cref="RunAsync"/>.</summary>
    public static void AddStartupMessages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddFilter(HostCategory, LogLevel.Critical);
    }

    /// <summary>Runs the app; returns 0 when it stops, or <see cref="AddressInUseExitCode"/> after the message when the address is taken.</summary>
    public static async Task<int> RunAsync(WebApplication app, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(error);
        var urls = app.Configuration["urls"]; // read first: a failed run disposes the app
        try
        {
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            await error.WriteLineAsync(AddressInUse(urls)).ConfigureAwait(false);
            return AddressInUseExitCode;
        }
    }

    /// <summary>The message for a taken address: what happened, and how to choose another port.</summary>
    public static string AddressInUse(string? urls)
    {
        var address = string.IsNullOrWhiteSpace(urls) ? "http://localhost:5000" : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        var next = Uri.TryCreate(address.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://{uri.Host}:{uri.Port + 1}"
            : "http://localhost:5081";
        return $"Calfwise cannot start: {address} is already in use (is Calfwise already running?).\n"
            + $"Choose another port: dotnet run --project src/Calfwise.Web -- --urls {next}  (or set ASPNETCORE_URLS={next})";
    }
}
