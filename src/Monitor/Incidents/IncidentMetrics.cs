using Monitor.Incidents.Maintenance;
using Monitor.Metrics;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Incidents;

/// <summary>The incident, outbox and maintenance gauges, read from the store at every tick.</summary>
internal sealed class IncidentMetrics(IMonitorStore store, MaintenanceCalendar maintenance, MonitorMetrics metrics, TimeProvider time)
{
    private readonly HashSet<(string, string, string)> _incidentLabels = [];
    private readonly Lock _gate = new();

    /// <summary>Sets <c>monitor_incidents</c>, <c>monitor_outbox_depth</c>, <c>monitor_outbox_oldest_age_seconds</c> and <c>monitor_maintenance_active</c>.</summary>
    public async Task UpdateMetricsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (open, depth, oldest, inMaintenance) = await store.ReadAsync(tx =>
            (tx.Incidents.ListOpen(), tx.Outbox.Count(OutboxStatus.Pending), tx.Outbox.OldestPending(), maintenance.Active(tx, now).Count > 0), cancellationToken);
        metrics.OutboxDepth.Set(depth);
        metrics.OutboxOldestAge.Set(oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0);
        metrics.MaintenanceActive.Set(inMaintenance ? 1 : 0);
        var counts = open
            .GroupBy(i => (i.Acknowledged ? "acknowledged" : "open", i.Severity.ToName(), i.Category.ToName()))
            .ToDictionary(g => g.Key, g => g.Count());
        lock (_gate)
        {
            _incidentLabels.UnionWith(counts.Keys);
            foreach (var labels in _incidentLabels)
            {
                metrics.Incidents.WithLabels(labels.Item1, labels.Item2, labels.Item3).Set(counts.GetValueOrDefault(labels));
            }
        }
    }
}
