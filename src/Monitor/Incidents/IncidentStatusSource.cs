using Monitor.Incidents.Acknowledgement;
using Monitor.Incidents.Maintenance;
using Monitor.Metrics;
using Monitor.Rules.Alerts;
using Monitor.Storage;
using Web = Monitor.Web;

namespace Monitor.Incidents;

/// <summary>
/// Feeds the status page (<see cref="Web.IStatusSource"/>) and the incident, outbox and maintenance
/// metrics from the store. No secrets: the acknowledge link is the signed, expiring, one-time kind that
/// e-mails carry, and it only opens a confirmation page.
/// </summary>
internal sealed class IncidentStatusSource(IMonitorStore store, MaintenanceCalendar maintenance, AckLinks ackLinks, MonitorMetrics metrics, TimeProvider time)
    : Web.IStatusSource
{
    private readonly HashSet<(string, string, string)> _incidentLabels = [];
    private readonly Lock _gate = new();

    public async Task<Web.StatusExtras> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = await store.WriteAsync(ackLinks.Key, cancellationToken, durable: false);
        return await store.ReadAsync(tx =>
        {
            var window = maintenance.Active(tx, now).FirstOrDefault();
            var open = tx.Incidents.ListOpen()
                .OrderByDescending(i => i.Severity).ThenBy(i => i.Since)
                .Select(i => new Web.IncidentView(
                    i.DisplayId, $"{i.Rule} on {i.Signal}: {i.Summary}", i.Severity.ToName(), i.Category.ToName(), i.Since,
                    i.AcknowledgedBy, i.AcknowledgedAt, i.Acknowledged ? null : ackLinks.CreateUrl(key, i.Id, now)))
                .ToList();
            var cases = tx.Cases.List(5)
                .Select(c => new Web.CaseView(c.DisplayId, IncidentRecord.FormatId(c.IncidentId), c.Kind == "urgent",
                    c.Status == CaseStatus.Pending ? "queued" : c.Status.ToString().ToLowerInvariant(), c.SubmittedAt ?? c.CreatedAt))
                .ToList();
            return new Web.StatusExtras(window is null ? null : new Web.MaintenanceView(window.Reason.Length > 0 ? window.Reason : window.Source, window.StartsAt, window.EndsAt),
                open, cases);
        }, cancellationToken);
    }

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
