using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Monitor.Storage;
using Monitor.Storage.Postgres;
using Monitor.Tests.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace Monitor.Tests.Storage;

/// <summary>What only the PostgreSQL store does: several processes on one database, a server that goes away.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(SharedPostgres postgres, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task Initialize_TwoStoresStartingAtOnce_ApplyTheSchemaOnce()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        using var first = new PostgresMonitorStore(connectionString, TimeProvider.System);
        using var second = new PostgresMonitorStore(connectionString, TimeProvider.System);
        await Task.WhenAll(Task.Run(first.Initialize), Task.Run(second.Initialize));

        Assert.Equal(PostgresMigrations.Latest, first.SchemaVersion());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM schema_version", connection);
        Assert.Equal((long)PostgresMigrations.All.Count, await command.ExecuteScalarAsync());
    }

    [PostgresFact]
    public async Task WriteAsync_TwoStoresOnOneDatabase_SerialiseReadModifyWrites()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        using var first = new PostgresMonitorStore(connectionString, TimeProvider.System);
        using var second = new PostgresMonitorStore(connectionString, TimeProvider.System);
        const int PerStore = 25;

        // Two daemons each increment a counter: without the write lock, some increments would read the same value.
        async Task Increment(IMonitorStore store)
        {
            for (var i = 0; i < PerStore; i++)
            {
                await store.WriteAsync(tx =>
                {
                    var value = int.Parse(tx.Settings.Get("counter") ?? "0", CultureInfo.InvariantCulture);
                    tx.Settings.Set("counter", (value + 1).ToString(CultureInfo.InvariantCulture), Now);
                    return 0;
                });
            }
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Task.Run(() => Increment(first)), Task.Run(() => Increment(second)));
        output.WriteLine($"{2 * PerStore} contended write transactions in {clock.ElapsedMilliseconds} ms");
        Assert.Equal((2 * PerStore).ToString(CultureInfo.InvariantCulture), await first.ReadAsync(tx => tx.Settings.Get("counter")));
    }

    [PostgresFact]
    public async Task WriteAsync_Latency_IsMeasured()
    {
        using var store = new PostgresMonitorStore(await postgres.Server.CreateDatabaseAsync(), TimeProvider.System);
        store.Initialize();
        const int Writes = 200;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Writes; i++)
        {
            await store.WriteAsync(tx => tx.Outbox.Enqueue(new OutboxMessage
            {
                IdempotencyKey = "k" + i.ToString(CultureInfo.InvariantCulture), Stream = "s", Channel = "email", Kind = "k", CreatedAt = Now, AvailableAt = Now,
            }));
        }

        output.WriteLine($"durable write transaction (advisory lock + insert + commit): {clock.Elapsed.TotalMilliseconds / Writes:0.00} ms on average over {Writes}");
        Assert.Equal(Writes, await store.ReadAsync(tx => tx.Outbox.Count(OutboxStatus.Pending)));
    }

    [PostgresFact]
    public async Task ReadAsync_IsReadOnly()
    {
        using var store = new PostgresMonitorStore(await postgres.Server.CreateDatabaseAsync(), TimeProvider.System);
        var error = await Assert.ThrowsAsync<PostgresException>(() => store.ReadAsync(tx => { tx.Settings.Set("k", "v", Now); return 0; }));
        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, error.SqlState);
    }

    [PostgresFact]
    public void Location_NamesServerAndDatabase_WithoutThePassword()
    {
        using var store = new PostgresMonitorStore("Host=db.example;Port=5433;Database=monitor;Username=mon;Password=hunter2", TimeProvider.System);
        Assert.Equal("postgres://db.example:5433/monitor", store.Location);
    }

    [PostgresFact]
    public async Task WriteAsync_AfterTheServerRestarts_SucceedsAgain()
    {
        await using var server = await PostgresServer.StartNewAsync();
        output.WriteLine($"initdb and first start of a cluster: {server.StartupTime.TotalMilliseconds:0} ms");
        using var store = new PostgresMonitorStore(await server.CreateDatabaseAsync(), TimeProvider.System);
        await store.WriteAsync(tx => { tx.Settings.Set("k", "before", Now); return 0; });

        await server.StopAsync();
        await Assert.ThrowsAnyAsync<DbException>(() => store.WriteAsync(tx => { tx.Settings.Set("k", "during", Now); return 0; }));
        await Assert.ThrowsAnyAsync<DbException>(() => store.ReadAsync(tx => tx.Settings.Get("k")));

        await server.StartAsync();
        await store.WriteAsync(tx => { tx.Settings.Set("k", "after", Now); return 0; });
        Assert.Equal("after", await store.ReadAsync(tx => tx.Settings.Get("k")));
    }
}
