using Microsoft.Data.Sqlite;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Incidents;

namespace Monitor.Tests.Storage;

public sealed class SqliteStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

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

    [Fact]
    public async Task Outbox_IsIdempotent_AndDeliversEachStreamInOrder()
    {
        using var store = new SqliteMonitorStore(Path.Combine(IncidentHarness.NewDataDirectory(), "monitor.db"), TimeProvider.System);
        OutboxMessage Message(string key, string stream) => new() { IdempotencyKey = key, Stream = stream, Channel = "email", Kind = "test", CreatedAt = Now, AvailableAt = Now };
        var added = await store.WriteAsync(tx => new[]
        {
            tx.Outbox.Enqueue(Message("a1", "a")),
            tx.Outbox.Enqueue(Message("a2", "a")),
            tx.Outbox.Enqueue(Message("b1", "b")),
            tx.Outbox.Enqueue(Message("a1", "a")),
        });
        Assert.Equal([true, true, true, false], added);

        var due = await store.ReadAsync(tx => tx.Outbox.Due(Now, 10));
        Assert.Equal(["a1", "b1"], due.Select(m => m.IdempotencyKey));

        // a1 waits for a retry: a2 must wait behind it, b goes on.
        await store.WriteAsync(tx => { tx.Outbox.Reschedule(due[0].Id, 1, Now.AddMinutes(1), "down"); tx.Outbox.MarkSent(due[1].Id, Now, 1); return 0; });
        Assert.Empty(await store.ReadAsync(tx => tx.Outbox.Due(Now, 10)));
        var later = await store.ReadAsync(tx => tx.Outbox.Due(Now.AddMinutes(1), 10));
        Assert.Equal(["a1"], later.Select(m => m.IdempotencyKey));
        await store.WriteAsync(tx => { tx.Outbox.MarkSent(later[0].Id, Now, 2); return 0; });
        Assert.Equal(["a2"], (await store.ReadAsync(tx => tx.Outbox.Due(Now.AddMinutes(1), 10))).Select(m => m.IdempotencyKey));
    }

    [Fact]
    public async Task AWriteThatThrows_RollsBackStateAndOutboxTogether()
    {
        using var store = new SqliteMonitorStore(Path.Combine(IncidentHarness.NewDataDirectory(), "monitor.db"), TimeProvider.System);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<int>(tx =>
        {
            tx.Settings.Set("k", "v", Now);
            tx.Outbox.Enqueue(new OutboxMessage { IdempotencyKey = "x", Stream = "s", Channel = "email", Kind = "k", CreatedAt = Now, AvailableAt = Now });
            throw new InvalidOperationException("boom");
        }));
        Assert.Null(await store.ReadAsync(tx => tx.Settings.Get("k")));
        Assert.Equal(0, await store.ReadAsync(tx => tx.Outbox.Count(OutboxStatus.Pending)));
    }

    [Fact]
    public void AlertStateStore_SavesAndLoadsBlobs()
    {
        using var store = new SqliteMonitorStore(Path.Combine(IncidentHarness.NewDataDirectory(), "monitor.db"), TimeProvider.System);
        IAlertStateStore blobs = new StoreAlertStateStore(store, TimeProvider.System);
        Assert.Null(blobs.Load("engine"));
        blobs.Save("engine", "{\"version\":1}");
        blobs.Save("engine", "{\"version\":2}");
        Assert.Equal("{\"version\":2}", blobs.Load("engine"));
    }

    [Fact]
    public async Task OneOpenIncidentPerGroup_IsEnforcedByTheDatabase()
    {
        using var store = new SqliteMonitorStore(Path.Combine(IncidentHarness.NewDataDirectory(), "monitor.db"), TimeProvider.System);
        IncidentRecord Incident() => new() { GroupKey = "g", Rule = "r", Signal = "s", Fingerprint = "f", OpenedAt = Now, Since = Now, UpdatedAt = Now };
        await store.WriteAsync(tx => tx.Incidents.Insert(Incident()));
        await Assert.ThrowsAsync<SqliteException>(() => store.WriteAsync(tx => tx.Incidents.Insert(Incident())));
    }
}
