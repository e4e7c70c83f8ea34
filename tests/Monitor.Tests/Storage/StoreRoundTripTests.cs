using Monitor.Rules.Alerts;
using Monitor.Storage;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Storage;

/// <summary>Every repository writes and reads back the same values, on every provider.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreRoundTripTests(SharedPostgres postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 10, 0, 0, 123, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(StoreUnderTest.Providers), MemberType = typeof(StoreUnderTest))]
    public async Task Incidents_RoundTripEveryColumn_MembersAndTimeline(string provider)
    {
        using var subject = await StoreUnderTest.CreateAsync(provider, postgres);
        var store = subject.Store;
        var incident = new IncidentRecord
        {
            GroupKey = "g", Rule = "r", Signal = "s", Fingerprint = "f", Severity = Severity.Critical, Category = AlertCategory.OrdersBlocked,
            Urgent = true, OpenedAt = Now, Since = Now.AddMinutes(-5), UpdatedAt = Now, EscalationLevel = 2, NextReminderAt = Now.AddHours(1),
            Notified = true, HeldNotice = "held", Reopened = 1, MessageSeq = 3, ThreadId = "<t@x>", Summary = "sum", FiguresJson = "{\"a\":1}",
        };
        var id = await store.WriteAsync(tx =>
        {
            var id = tx.Incidents.Insert(incident);
            tx.Incidents.UpsertMember(new IncidentMember(id, "f", "r", "s", Severity.Minor, true, Now, Now));
            tx.Incidents.UpsertMember(new IncidentMember(id, "f", "r", "s", Severity.Critical, false, Now, Now.AddMinutes(1)));
            tx.Incidents.AddEvent(new IncidentEvent(id, Now, "opened", "opened it"));
            return id;
        });

        var read = await store.ReadAsync(tx => tx.Incidents.Get(id));
        var open = await store.ReadAsync(tx => tx.Incidents.FindOpen("g"));
        var held = await store.ReadAsync(tx => tx.Incidents.ListHeld());
        var members = await store.ReadAsync(tx => tx.Incidents.Members(id));
        var timeline = await store.ReadAsync(tx => tx.Incidents.Timeline(id));
        Assert.NotNull(read);
        Assert.Equal((incident.Severity, incident.Category, true, Now, Now.AddMinutes(-5), 2, Now.AddHours(1), true, "held", 1, 3, "<t@x>", "{\"a\":1}"),
            (read.Severity, read.Category, read.Urgent, read.OpenedAt, read.Since, read.EscalationLevel, read.NextReminderAt, read.Notified, read.HeldNotice,
             read.Reopened, read.MessageSeq, read.ThreadId, read.FiguresJson));
        Assert.Null(read.ResolvedAt);
        Assert.Equal(id, open?.Id);
        Assert.Single(held);
        Assert.Equal([(Severity.Critical, false)], members.Select(m => (m.Severity, m.Firing)));
        Assert.Equal(["opened it"], timeline.Select(e => e.Text));

        read.Status = IncidentStatus.Resolved;
        read.ResolvedAt = Now.AddMinutes(10);
        read.HeldNotice = null;
        await store.WriteAsync(tx => { tx.Incidents.Update(read); return 0; });
        var (resolved, list, openNow) = await store.ReadAsync(tx => (tx.Incidents.FindResolvedSince("g", Now), tx.Incidents.List(IncidentStatus.Resolved, 10), tx.Incidents.ListOpen()));
        Assert.Equal(Now.AddMinutes(10), resolved?.ResolvedAt);
        Assert.Single(list);
        Assert.Empty(openNow);
    }

    [Theory]
    [MemberData(nameof(StoreUnderTest.Providers), MemberType = typeof(StoreUnderTest))]
    public async Task CasesAcknowledgementsAndOutbox_RoundTrip(string provider)
    {
        using var subject = await StoreUnderTest.CreateAsync(provider, postgres);
        var store = subject.Store;
        var incidentId = await store.WriteAsync(tx => tx.Incidents.Insert(new IncidentRecord { GroupKey = "g", Rule = "r", Signal = "s", Fingerprint = "f", OpenedAt = Now, Since = Now, UpdatedAt = Now }));
        var caseId = await store.WriteAsync(tx => tx.Cases.Insert(new CaseRecord { IncidentId = incidentId, Category = "orders-blocked", Title = "t", CreatedAt = Now, DueAt = Now, UpdatedAt = Now }));
        var added = await store.WriteAsync(tx => (
            tx.Acknowledgements.Add(new Acknowledgement(incidentId, Now, "ana", "link", null, "n1")),
            tx.Acknowledgements.Add(new Acknowledgement(incidentId, Now, "ana", "link", null, "n1")),
            tx.Outbox.Enqueue(new OutboxMessage { IdempotencyKey = "k", Stream = "s", Channel = "email", Kind = "firing", IncidentId = incidentId, CreatedAt = Now, AvailableAt = Now })));
        Assert.Equal((true, false, true), added);

        var (due, acks, used, message, next, oldest) = await store.ReadAsync(tx => (tx.Cases.Due(Now), tx.Acknowledgements.ForIncident(incidentId),
            tx.Acknowledgements.NonceUsed("n1"), tx.Outbox.ForIncident(incidentId).Single(), tx.Outbox.NextAvailable(), tx.Outbox.OldestPending()));
        Assert.Equal([caseId], due.Select(c => c.Id));
        Assert.Equal(["ana"], acks.Select(a => a.By));
        Assert.True(used);
        Assert.Equal((Now, Now), (next, oldest));

        await store.WriteAsync(tx => { tx.Outbox.MarkFailed(message.Id, 3, "refused"); return 0; });
        var failed = await store.ReadAsync(tx => tx.Outbox.Get(message.Id));
        Assert.Equal((OutboxStatus.Failed, 3, "refused"), (failed!.Status, failed.Attempts, failed.LastError));
        Assert.Null(await store.ReadAsync(tx => tx.Outbox.NextAvailable()));
    }

    [Theory]
    [MemberData(nameof(StoreUnderTest.Providers), MemberType = typeof(StoreUnderTest))]
    public async Task MaintenanceSilencesSettingsAndDigest_RoundTrip(string provider)
    {
        using var subject = await StoreUnderTest.CreateAsync(provider, postgres);
        var store = subject.Store;
        await store.WriteAsync(tx =>
        {
            tx.Maintenance.Insert(new MaintenanceRecord { Name = "m", StartsAt = Now, EndsAt = Now.AddHours(1), Reason = "deploy", CreatedBy = "ana" });
            tx.Silences.Insert(new SilenceRecord { Rule = "r", Category = AlertCategory.OrdersBlocked, StartsAt = Now, EndsAt = Now.AddHours(1), Reason = "x", CreatedBy = "ana" });
            tx.Silences.Insert(new SilenceRecord { Target = "t", StartsAt = Now, EndsAt = Now.AddMinutes(1), Reason = "y", CreatedBy = "bo" });
            tx.Settings.Set("a", "1", Now);
            tx.Settings.Set("a", "2", Now);
            tx.Digest.Add(1, Now, "line");
            return 0;
        });
        var kept = await store.WriteAsync(tx => tx.Settings.SetIfAbsent("a", "3", Now));
        Assert.Equal("2", kept);

        var (windows, active, digest) = await store.ReadAsync(tx => (tx.Maintenance.EndingAfter(Now), tx.Silences.Active(Now.AddMinutes(2)), tx.Digest.Pending()));
        Assert.Equal(["deploy"], windows.Select(w => w.Reason));
        Assert.Equal([(AlertCategory?)AlertCategory.OrdersBlocked], active.Select(s => s.Category));
        await store.WriteAsync(tx =>
        {
            tx.Digest.MarkSent(digest.Select(d => d.Id), Now);
            tx.Settings.Delete("a");
            return 0;
        });
        Assert.Empty(await store.ReadAsync(tx => tx.Digest.Pending()));
        Assert.Null(await store.ReadAsync(tx => tx.Settings.Get("a")));
        Assert.Equal(2, (await store.ReadAsync(tx => tx.Silences.Recent(10))).Count);
    }
}
