using System.Data;
using Monitor.Storage.Relational;
using Npgsql;

namespace Monitor.Storage.Postgres;

/// <summary>
/// The shared store: a PostgreSQL database that one or more daemons (and the command line) use at once.
/// Every write transaction first takes one transaction-scoped advisory lock, so writers are serialised
/// across processes as SQLite's <c>BEGIN IMMEDIATE</c> serialises them on one machine, and a
/// read-modify-write never interleaves with another's. Reads run in <c>REPEATABLE READ, READ ONLY</c>
/// transactions: one consistent snapshot, no lock. Connections come from Npgsql's pool; after a
/// connection-level failure (the server went away) the pool is cleared and the next call connects afresh,
/// so the daemon retries by simply calling again.
/// </summary>
internal sealed class PostgresMonitorStore : IMonitorStore, IStateBlobStore, IDisposable
{
    /// <summary>The advisory lock key every write transaction holds ("mon_wri").</summary>
    public const long WriteLockKey = 0x6D6F6E5F777269;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lock _initGate = new();
    private volatile bool _initialized;

    /// <param name="connectionString">An Npgsql connection string, secrets already resolved.</param>
    /// <param name="time">The clock for migration records.</param>
    public PostgresMonitorStore(string connectionString, TimeProvider time)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = Describe(builder);
        _time = time;
        _dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    /// <summary>Server and database, never the credentials: <c>postgres://host:port/database</c>.</summary>
    public string Location { get; }

    /// <summary>Applies pending migrations. Called on first use; retried on the next use when the server was unreachable.</summary>
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

            Guard(() =>
            {
                using var connection = _dataSource.OpenConnection();
                return PostgresMigrations.Apply(connection, _time.GetUtcNow());
            });
            _initialized = true;
        }
    }

    /// <summary>The schema version of the database.</summary>
    public int SchemaVersion()
    {
        Initialize();
        using var connection = _dataSource.OpenConnection();
        return SchemaMigrations.CurrentVersion(connection, null);
    }

    public async Task<T> WriteAsync<T>(Func<IStoreTransaction, T> work, CancellationToken cancellationToken = default, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(work);
        // One writer per process waits for the lock here instead of holding a pooled connection while it waits.
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return Run(write: true, durable, tx => work(tx));
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
        return Task.FromResult(Run(write: false, durable: false, tx => work(tx)));
    }

    public void SaveBlob(string key, string json, DateTimeOffset at)
    {
        _writer.Wait();
        try
        {
            Run(write: true, durable: false, tx =>
            {
                tx.SaveBlob(key, json, at);
                return 0;
            });
        }
        finally
        {
            _writer.Release();
        }
    }

    public string? LoadBlob(string key) => Run(write: false, durable: false, tx => tx.LoadBlob(key));

    public void Dispose()
    {
        _writer.Dispose();
        _dataSource.Dispose();
    }

    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"postgres://{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username ?? ""}";

    private T Run<T>(bool write, bool durable, Func<StoreTransaction, T> work)
    {
        Initialize();
        return Guard(() =>
        {
            using var connection = _dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction(write ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead);
            using (var setup = connection.CreateCommand())
            {
                setup.Transaction = transaction;
                if (write)
                {
                    // Every write holds the same lock until commit: writers never interleave, across daemons too.
                    // Not durable: the commit returns before the WAL is flushed; a server crash may lose it, a daemon crash cannot.
                    setup.CommandText = durable
                        ? "SELECT pg_advisory_xact_lock(@k)"
                        : "SELECT pg_advisory_xact_lock(@k); SET LOCAL synchronous_commit = off";
                    setup.Parameters.AddWithValue("k", WriteLockKey);
                }
                else
                {
                    setup.CommandText = "SET TRANSACTION READ ONLY";
                }

                setup.ExecuteNonQuery();
            }

            var result = work(new StoreTransaction(connection, transaction));
            transaction.Commit();
            return result;
        });
    }

    /// <summary>Clears the pool after a failure of the connection itself, so no broken connection is handed out again.</summary>
    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            _dataSource.Clear();
            throw;
        }
    }
}
