using Monitor.Incidents.Acknowledgement;
using Monitor.Incidents.Maintenance;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Web;

/// <summary>
/// Feeds the status page (<see cref="IStatusSource"/>) from the incident store: open incidents, recent cases and
/// maintenance. No secrets: the acknowledge link is the signed, expiring, one-time kind that
/// e-mails carry, and it only opens a confirmation page.
/// </summary>
internal sealed class IncidentStatusSource(IMonitorStore store, MaintenanceCalendar maintenance, AckLinks ackLinks, TimeProvider time)
    : IStatusSource
{
    public async Task<StatusExtras> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = await store.WriteAsync(ackLinks.Key, cancellationToken, durable: false);
        return await store.ReadAsync(tx =>
        {
            var window = maintenance.Active(tx, now).FirstOrDefault();
            var open = tx.Incidents.ListOpen()
                .OrderByDescending(i => i.Severity).ThenBy(i => i.Since)
                .Select(i => new IncidentView(
                    i.DisplayId, $"{i.Rule} on {i.Signal}: {i.Summary}", i.Severity.ToName(), i.Category.ToName(), i.Since,
                    i.AcknowledgedBy, i.AcknowledgedAt, i.Acknowledged ? null : ackLinks.CreateUrl(key, i.Id, now)))
                .ToList();
            var cases = tx.Cases.List(5)
                .Select(c => new CaseView(c.DisplayId, IncidentRecord.FormatId(c.IncidentId), c.Kind == Monitor.Rules.Incidents.CaseKind.Urgent,
                    c.Status == CaseStatus.Pending ? "queued" : c.Status.ToString().ToLowerInvariant(), c.SubmittedAt ?? c.CreatedAt))
                .ToList();
            return new StatusExtras(window is null ? null : new MaintenanceView(window.Reason.Length > 0 ? window.Reason : window.Source, window.StartsAt, window.EndsAt),
                open, cases);
        }, cancellationToken);
    }
}
