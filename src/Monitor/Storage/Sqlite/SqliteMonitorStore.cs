using Microsoft.Data.Sqlite;
using Monitor.Storage.Relational;

namespace Monitor.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file under the data directory, in WAL mode so that the daemon and the
/// command line (<c>monitor ack</c>, <c>monitor maintenance</c>) use it at the same time. Write
/// transactions start with <c>BEGIN IMMEDIATE</c>, so a read-modify-write never interleaves with another
/// process's; a busy database is waited for (busy timeout), not failed.
/// </summary>
internal sealed class SqliteMonitorStore : IMonitorStore, IStateBlobStore, IDisposable
{
    /// <summary>The file name under the data directory.</summary>
    public const string FileName = "monitor.db";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lock _initGate = new();
    private volatile bool _initialized;

    public SqliteMonitorStore(string path, TimeProvider time)
    {
        Location = Path.GetFullPath(path);
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Location,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Location { get; }

    /// <summary>The store for a data directory: <c>&lt;dataDirectory&gt;/monitor.db</c>.</summary>
    public static SqliteMonitorStore ForDataDirectory(string dataDirectory, TimeProvider time) =>
        new(Path.Combine(dataDirectory, FileName), time);

    /// <summary>Creates the file and applies pending migrations. Called on first use; safe to call again.</summary>
    public void Initialize()
    {
        if (_initialized)
        {
            return;
        }

        lock (_initGate)
        {
            if (_initialized)
            {
                return;
            }

            var directory = Path.GetDirectoryName(Location);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                wal.ExecuteNonQuery();
            }

            SqliteMigrations.Apply(connection, _time.GetUtcNow());
            _initialized = true;
        }
    }

    /// <summary>The schema version of the file.</summary>
    public int SchemaVersion()
    {
        using var connection = Open();
        return SqliteMigrations.CurrentVersion(connection, null);
    }

    public async Task<T> WriteAsync<T>(Func<IStoreTransaction, T> work, CancellationToken cancellationToken = default, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return Write(work, durable);
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task<T> ReadAsync<T>(Func<IStoreTransaction, T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var result = work(new StoreTransaction(connection, transaction));
        transaction.Commit();
        return Task.FromResult(result);
    }

    public void SaveBlob(string key, string json, DateTimeOffset at)
    {
        _writer.Wait();
        try
        {
            using var connection = Open(durable: false);
            new StoreTransaction(connection, null).SaveBlob(key, json, at);
        }
        finally
        {
            _writer.Release();
        }
    }

    public string? LoadBlob(string key)
    {
        using var connection = Open();
        return new StoreTransaction(connection, null).LoadBlob(key);
    }

    public void Dispose()
    {
        _writer.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private T Write<T>(Func<IStoreTransaction, T> work, bool durable)
    {
        using var connection = Open(durable);
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = work(new StoreTransaction(connection, transaction));
        transaction.Commit();
        return result;
    }

    private SqliteConnection Open(bool durable = false)
    {
        Initialize();
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        // WAL with synchronous=FULL syncs the log at each commit (and with it every earlier commit);
        // NORMAL leaves the sync to the next FULL commit or checkpoint: safe across a crash of the process.
        pragmas.CommandText = durable
            ? "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
            : "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
