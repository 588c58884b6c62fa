using System.Globalization;
using Npgsql;

namespace Calfwise.Web.Tests.Storage;

/// <summary>
/// A real PostgreSQL server for the tests, from Debian's package (<c>apt-get install postgresql</c>): a throwaway cluster
/// in a temporary folder, listening on a free port on 127.0.0.1, stopped and deleted afterwards. PostgreSQL refuses to
/// run as root, so as root the cluster belongs to the postgres user and every command runs through <c>runuser</c>.
/// </summary>
/// <remarks>Missing binaries fail every test that uses the server, with a message saying what to install; they are never skipped.</remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Versions = "/usr/lib/postgresql";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly bool _asRoot = Environment.IsPrivilegedProcess;
    private string? _bin;
    private string? _folder;
    private bool _started;

    /// <summary>The server's own folder: the cluster is in data/, the socket and server.log beside it.</summary>
    private string Folder => _folder ?? throw new InvalidOperationException("the server is not started");

    private string DataDirectory => Path.Combine(Folder, "data");

    public int Port { get; private set; }

    /// <summary>The maintenance database "postgres", as the superuser.</summary>
    public string ConnectionString => Connection("postgres");

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        _folder = await CreateFolderAsync();
        await PgAsync("initdb", ["-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]);

        // The port was free when chosen but another process may take it first: choose again a few times.
        for (var attempt = 1; ; attempt++)
        {
            Port = Processes.FreePort();
            try
            {
                await PgAsync("pg_ctl", [
                    "-D", DataDirectory, "-l", Path.Combine(Folder, "server.log"), "-w", "-t", "60",
                    "-o", $"-p {Port} -k \"{Folder}\" -c listen_addresses=127.0.0.1", "start",
                ]);
                _started = true;
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Tried again on another port below; the log says why if the last attempt fails too.
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"PostgreSQL did not start; server.log:\n{ServerLog()}", e);
            }
        }
    }

    /// <summary>Creates a new, empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException("a database prefix is lower-case letters, digits and underscores", nameof(prefix));
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return Connection(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (_started)
            {
                await PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            if (_folder is not null && Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }

    private string Connection(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Timeout = 30,
    }.ConnectionString;

    /// <summary>The newest PostgreSQL server installed the Debian way (/usr/lib/postgresql/&lt;version&gt;/bin).</summary>
    private static string FindBinaries()
    {
        var found = Directory.Exists(Versions)
            ? Directory.GetDirectories(Versions)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
                .Where(d => d.Version > 0 && File.Exists(Path.Combine(d.Bin, "initdb")) && File.Exists(Path.Combine(d.Bin, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"The PostgreSQL storage tests need a PostgreSQL server, and none was found ({Versions}/<version>/bin/initdb is missing). " +
            "Install it with `apt-get install -y postgresql` (Debian 12 gives PostgreSQL 15); .ci/run installs it.");
    }

    private async Task<string> CreateFolderAsync()
    {
        // As root the folder must be reachable by the postgres user, so it goes in /tmp whatever TMPDIR says.
        var folder = _asRoot
            ? Directory.CreateDirectory(Path.Combine("/tmp", $"calfwise-pg-{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory("calfwise-pg-").FullName;
        if (_asRoot)
        {
            await Processes.RunAsync("chown", ["postgres:postgres", folder], CommandTimeout);
        }

        return folder;
    }

    /// <summary>Runs one of the server's programs, as the postgres user when we are root.</summary>
    private Task<string> PgAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin!, program);
        return _asRoot
            ? Processes.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], CommandTimeout)
            : Processes.RunAsync(path, arguments, CommandTimeout);
    }

    private string ServerLog()
    {
        var log = Path.Combine(Folder, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no server.log)";
    }
}

/// <summary>The test classes that share one PostgreSQL server; each test creates its own database on it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTestGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
