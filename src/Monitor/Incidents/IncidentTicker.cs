using Monitor.Incidents.Digest;
using Monitor.Incidents.Lifecycle;
using Monitor.Incidents.Maintenance;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents;

/// <summary>
/// The time-driven part, run every tick: the pause reminder of long maintenance, then for every incident
/// that is open, held or has a case due, one lifecycle tick (release of held notices, reminders, level-2
/// escalation, due cases), then the digest. One transaction, after any alert transitions that still wait
/// for the store.
/// </summary>
internal sealed class IncidentTicker(
    IMonitorStore store,
    AlertIntake intake,
    IncidentSteps steps,
    MaintenanceNotices maintenance,
    DigestService digest,
    OutboxSignal signal,
    TimeProvider time)
{
    public async Task TickAsync(CancellationToken cancellationToken = default)
    {
        await intake.FlushPendingAsync(cancellationToken);
        var now = time.GetUtcNow();
        await store.WriteAsync(tx =>
        {
            maintenance.PauseReminders(tx, now);
            var records = new SortedDictionary<long, IncidentRecord>();
            foreach (var record in tx.Incidents.ListHeld().Concat(tx.Incidents.ListOpen()))
            {
                records.TryAdd(record.Id, record);
            }

            foreach (var id in tx.Cases.Due(now).Select(c => c.IncidentId).Where(id => !records.ContainsKey(id)).ToList())
            {
                if (tx.Incidents.Get(id) is { } record)
                {
                    records.Add(id, record);
                }
            }

            foreach (var record in records.Values)
            {
                steps.Run(tx, record, now, IncidentLifecycle.Tick);
            }

            digest.Flush(tx, now);
            return 0;
        }, cancellationToken);
        signal.Notify();
    }
}
