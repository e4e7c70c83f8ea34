using Monitor.Notifications.Outbox;
using Monitor.Storage;

namespace Monitor.Incidents.Maintenance;

/// <summary>Ad hoc maintenance windows: start, stop (releasing what was held at once) and what is in force.</summary>
internal sealed partial class MaintenanceService(IMonitorStore store, MaintenanceCalendar calendar, MaintenanceNotices notices, IncidentTicker ticker, OutboxSignal signal, TimeProvider time, ILogger<MaintenanceService> logger)
{
    /// <summary>Starts an ad hoc maintenance window now. Sends the pause reminder at once when it is long.</summary>
    public async Task<MaintenanceRecord> StartMaintenanceAsync(TimeSpan length, string reason, string by, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var record = await store.WriteAsync(tx =>
        {
            var row = new MaintenanceRecord { Kind = MaintenanceKind.AdHoc, StartsAt = now, EndsAt = now + length, Reason = reason, CreatedBy = by };
            tx.Maintenance.Insert(row);
            notices.PauseReminder(tx, new MaintenanceWindow("adhoc", row.StartsAt, row.EndsAt, reason, row.Id), now);
            return row;
        }, cancellationToken);
        signal.Notify();
        LogMaintenance("started", record.Reason, record.EndsAt);
        return record;
    }

    /// <summary>Ends every window in force now (ad hoc ones, and the current occurrence of scheduled ones). Returns how many ended.</summary>
    public async Task<int> StopMaintenanceAsync(string by, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var count = await store.WriteAsync(tx =>
        {
            var ended = 0;
            foreach (var window in calendar.Active(tx, now))
            {
                if (window.Id is { } id)
                {
                    var row = tx.Maintenance.EndingAfter(now).First(r => r.Id == id);
                    row.StoppedAt = now;
                    tx.Maintenance.Update(row);
                }
                else
                {
                    tx.Maintenance.Insert(new MaintenanceRecord
                    {
                        Kind = MaintenanceKind.Skip, Name = window.Source, StartsAt = window.StartsAt, EndsAt = window.EndsAt, Reason = "stopped early", CreatedBy = by, StoppedAt = now,
                    });
                }

                ended++;
            }

            return ended;
        }, cancellationToken);
        LogMaintenance("stopped", by, now);
        await ticker.TickAsync(cancellationToken);
        return count;
    }

    public Task<IReadOnlyList<MaintenanceWindow>> ActiveMaintenanceAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return store.ReadAsync(tx => calendar.Active(tx, now), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Maintenance {What} ({Detail}, {At:u})")]
    private partial void LogMaintenance(string what, string detail, DateTimeOffset at);
}
