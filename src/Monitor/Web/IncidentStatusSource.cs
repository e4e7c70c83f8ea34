using Monitor.Incidents;
using Monitor.Incidents.Acknowledgement;
using Monitor.Storage;

namespace Monitor.Web;

/// <summary>The status page's view of the incident store: open incidents with ack links, maintenance in force, recent cases.</summary>
internal sealed class IncidentStatusSource(IIncidentStore incidents, IMonitorStore store, AckLinks links, TimeProvider time) : IStatusSource
{
    /// <summary>Cases shown on the page.</summary>
    public const int RecentCases = 5;

    public async Task<StatusExtras> GetAsync(CancellationToken cancellationToken)
    {
        var open = await incidents.ListAsync(IncidentStatus.Open, 100, cancellationToken);
        var cases = await incidents.CasesAsync(RecentCases, cancellationToken);
        var maintenance = await incidents.MaintenanceAsync(cancellationToken);
        var now = time.GetUtcNow();

        // The signing key is created on first use, hence a write transaction; only needed while something waits for an ack.
        var key = open.Any(i => !i.Acknowledged) ? await store.WriteAsync(tx => links.Key(tx), cancellationToken, durable: false) : null;
        var views = open
            .OrderByDescending(i => i.Urgent)
            .ThenByDescending(i => SeverityRank(i.Severity))
            .ThenBy(i => i.Since)
            .Select(i => new IncidentView(
                i.Id, Title(i), i.Severity, i.Category, i.Since, i.AcknowledgedBy,
                i.Acknowledged ? i.AcknowledgedAt ?? i.UpdatedAt : null,
                i.Acknowledged || key is null ? null : links.CreateUrl(key, i.Number, now)))
            .ToList();
        var window = maintenance.Active ? maintenance.Windows.OrderBy(w => w.StartsAt).FirstOrDefault() : null;
        var banner = window is null ? null : new MaintenanceView(window.Reason, window.StartsAt, window.EndsAt.Year >= 9999 ? null : window.EndsAt);
        var caseViews = cases.Select(c => new CaseView(c.Id, c.Incident, string.Equals(c.Kind, "urgent", StringComparison.OrdinalIgnoreCase), c.Status, c.SubmittedAt ?? c.CreatedAt)).ToList();
        return new StatusExtras(banner, views, caseViews);
    }

    private static string Title(Incidents.IncidentView i)
    {
        var what = $"{i.Rule} on {i.Target}";
        return string.IsNullOrWhiteSpace(i.Summary) ? what : $"{what}: {i.Summary}";
    }

    private static int SeverityRank(string severity) => severity switch { "critical" => 3, "major" => 2, "minor" => 1, _ => 0 };
}
