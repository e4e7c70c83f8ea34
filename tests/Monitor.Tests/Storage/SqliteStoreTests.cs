using Microsoft.Data.Sqlite;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Incidents;

namespace Monitor.Tests.Storage;

/// <summary>What only the SQLite store does; the shared behaviour is in <see cref="StoreContractTests"/>.</summary>
public sealed class SqliteStoreTests
{
    [Fact]
    public void Initialize_AppliesMigrationsOnce_InWalMode()
    {
        var path = Path.Combine(IncidentHarness.NewDataDirectory(), "monitor.db");
        using (var store = new SqliteMonitorStore(path, TimeProvider.System))
        {
            Assert.Equal(SqliteMigrations.Latest, store.SchemaVersion());
        }

        using var again = new SqliteMonitorStore(path, TimeProvider.System);
        Assert.Equal(SqliteMigrations.Latest, again.SchemaVersion());
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        Assert.Equal("wal", command.ExecuteScalar() as string);
        command.CommandText = "SELECT COUNT(*) FROM schema_version";
        Assert.Equal((long)SqliteMigrations.All.Count, command.ExecuteScalar());
    }
}
