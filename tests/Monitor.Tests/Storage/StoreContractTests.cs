using System.Data.Common;
using Monitor.Storage;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Storage;

/// <summary>The behaviour every store provider must have, run against each (see <see cref="StoreUnderTest.Providers"/>).</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreContractTests(SharedPostgres postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(StoreUnderTest.Providers), MemberType = typeof(StoreUnderTest))]
    public async Task Outbox_IsIdempotent_AndDeliversEachStreamInOrder(string provider)
    {
        using var subject = await StoreUnderTest.CreateAsync(provider, postgres);
        var store = subject.Store;
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

    [Theory]
    [MemberData(nameof(StoreUnderTest.Providers), MemberType = typeof(StoreUnderTest))]
    public async Task AgentSequences_SaveReplacesTheLocationsMark(string provider)
    {
        using var subject = await StoreUnderTest.CreateAsync(provider, postgres);
        var store = subject.Store;
        await store.WriteAsync(tx => { tx.AgentSequences.Save(new AgentSequence("eu-west", "spool-1", 7), Now); tx.AgentSequences.Save(new AgentSequence("b", "s", 1), Now); return 0; });
        await store.WriteAsync(tx => { tx.AgentSequences.Save(new AgentSequence("eu-west", "spool-2", 3), Now); return 0; }, durable: false);

        var marks = await store.ReadAsync(tx => tx.AgentSequences.All());

        Assert.Equal([new AgentSequence("b", "s", 1), new AgentSequence("eu-west", "spool-2", 3)], marks);
    }

    [Theory]
    [MemberData(nameof(StoreUnderTest.Providers), MemberType = typeof(StoreUnderTest))]
    public async Task AWriteThatThrows_RollsBackStateAndOutboxTogether(string provider)
    {
        using var subject = await StoreUnderTest.CreateAsync(provider, postgres);
        var store = subject.Store;
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync<int>(tx =>
        {
            tx.Settings.Set("k", "v", Now);
            tx.Outbox.Enqueue(new OutboxMessage { IdempotencyKey = "x", Stream = "s", Channel = "email", Kind = "k", CreatedAt = Now, AvailableAt = Now });
            throw new InvalidOperationException("boom");
        }));
        Assert.Null(await store.ReadAsync(tx => tx.Settings.Get("k")));
        Assert.Equal(0, await store.ReadAsync(tx => tx.Outbox.Count(OutboxStatus.Pending)));
    }

    [Theory]
    [MemberData(nameof(StoreUnderTest.Providers), MemberType = typeof(StoreUnderTest))]
    public async Task AlertStateStore_SavesAndLoadsBlobs(string provider)
    {
        using var subject = await StoreUnderTest.CreateAsync(provider, postgres);
        IAlertStateStore blobs = new StoreAlertStateStore(subject.Blobs, TimeProvider.System);
        Assert.Null(blobs.Load("engine"));
        blobs.Save("engine", "{\"version\":1}");
        blobs.Save("engine", "{\"version\":2}");
        Assert.Equal("{\"version\":2}", blobs.Load("engine"));
    }

    [Theory]
    [MemberData(nameof(StoreUnderTest.Providers), MemberType = typeof(StoreUnderTest))]
    public async Task OneOpenIncidentPerGroup_IsEnforcedByTheDatabase(string provider)
    {
        using var subject = await StoreUnderTest.CreateAsync(provider, postgres);
        var store = subject.Store;
        IncidentRecord Incident() => new() { GroupKey = "g", Rule = "r", Signal = "s", Fingerprint = "f", OpenedAt = Now, Since = Now, UpdatedAt = Now };
        await store.WriteAsync(tx => tx.Incidents.Insert(Incident()));
        await Assert.ThrowsAnyAsync<DbException>(() => store.WriteAsync(tx => tx.Incidents.Insert(Incident())));
    }
}
