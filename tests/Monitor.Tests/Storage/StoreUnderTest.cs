using Monitor.Storage;
using Monitor.Storage.Postgres;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Incidents;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Storage;

/// <summary>A fresh, empty store of one provider: a new SQLite file, or a new database on the shared PostgreSQL server.</summary>
internal sealed class StoreUnderTest(IMonitorStore store, IStateBlobStore blobs, IDisposable owner) : IDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The providers the contract runs against: SQLite always, PostgreSQL when its binaries are installed.</summary>
    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { Sqlite };
        if (PostgresServer.BinDirectory is not null)
        {
            data.Add(Postgres);
        }

        return data;
    }

    public IMonitorStore Store => store;

    public IStateBlobStore Blobs => blobs;

    public static async Task<StoreUnderTest> CreateAsync(string provider, SharedPostgres postgres)
    {
        if (provider == Postgres)
        {
            var pg = new PostgresMonitorStore(await postgres.Server.CreateDatabaseAsync(), TimeProvider.System);
            return new StoreUnderTest(pg, pg, pg);
        }

        var sqlite = new SqliteMonitorStore(Path.Combine(IncidentHarness.NewDataDirectory(), "monitor.db"), TimeProvider.System);
        return new StoreUnderTest(sqlite, sqlite, sqlite);
    }

    public void Dispose() => owner.Dispose();
}
