using System.Diagnostics;
using Monitor.Tests.Web;
using Npgsql;

namespace Monitor.Tests.TestSupport;

/// <summary>
/// A throw-away PostgreSQL cluster for one test run: initdb in a temp folder, trust authentication, listening
/// on 127.0.0.1 at a free port with its socket in the same folder; stopped and deleted on dispose. initdb
/// refuses to run as root, so as root the server runs as the <c>postgres</c> user through <c>runuser</c>.
/// Every wait is bounded.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly string _bin;
    private readonly string _root;
    private readonly string _data;
    private bool _running;

    private PostgresServer(string bin, string root)
    {
        _bin = bin;
        _root = root;
        _data = Path.Combine(root, "data");
        Port = FreePort.Next();
    }

    /// <summary>The folder holding <c>initdb</c> and <c>pg_ctl</c> (the newest installed version), or null.</summary>
    public static string? BinDirectory { get; } = FindBin();

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>How long initdb and the first start took.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The connection string of a database (as the superuser, no password: trust authentication).</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Timeout = 5 }.ConnectionString;

    /// <summary>Creates a cluster and starts it.</summary>
    public static async Task<PostgresServer> StartNewAsync()
    {
        var bin = BinDirectory ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin");
        var root = Path.Combine(Path.GetTempPath(), "monitor-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(bin, root);
        var clock = Stopwatch.StartNew();
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", root]);
            }

            await server.PgAsync("initdb", ["-D", server._data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
            await server.StartAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        server.StartupTime = clock.Elapsed;
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Starts the server (again) and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off";
        await PgAsync("pg_ctl", ["-D", _data, "-o", options, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "30", "start"]);
        _running = true;
    }

    /// <summary>Stops the server at once (connections are cut, as in a crash of the database host).</summary>
    public async Task StopAsync()
    {
        await PgAsync("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "-t", "30", "stop"]);
        _running = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            try
            {
                await StopAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // Deleting the folder below still removes the cluster; a stuck server is reported by the OS, not the test.
            }
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS.
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task PgAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin, program);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var run = await ExternalTool.RunAsync(program, arguments, Limit);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {run.ExitCode}: {run.Output} {run.Error}");
        }
    }

    private static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }
}

/// <summary>The PostgreSQL server shared by the tests of the <c>postgres</c> collection; started only when the binaries exist.</summary>
public sealed class SharedPostgres : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("no PostgreSQL server (binaries missing)");

    public async Task InitializeAsync()
    {
        if (PostgresServer.BinDirectory is not null)
        {
            _server = await PostgresServer.StartNewAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>Tests that share one PostgreSQL server (each uses databases of its own).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<SharedPostgres>
{
    public const string Name = "postgres";
}

/// <summary>A fact that is skipped, saying why, when the PostgreSQL server binaries are not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.BinDirectory is null)
        {
            Skip = "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: apt-get install -y postgresql (as .ci/run does)";
        }
    }
}
