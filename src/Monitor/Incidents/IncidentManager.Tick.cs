using System.Globalization;
using System.Text;
using Monitor.Configuration;
using Monitor.Incidents.Maintenance;
using Monitor.Notifications.Email;
using Monitor.Storage;

namespace Monitor.Incidents;

internal sealed partial class IncidentManager
{
    /// <summary>
    /// The time-driven part, run every tick: pause reminders of long maintenance, release of held
    /// notices, reminders, escalation, due cases and the digest. One transaction, after any alert
    /// transitions that still wait for the store.
    /// </summary>
    public async Task TickAsync(CancellationToken cancellationToken = default)
    {
        if (PendingTransitions > 0)
        {
            await WritePendingAsync(cancellationToken);
            signal.Notify();
        }

        var now = time.GetUtcNow();
        await store.WriteAsync(tx =>
        {
            foreach (var window in maintenance.Active(tx, now))
            {
                PauseReminder(tx, window, now);
            }

            ReleaseHeld(tx, now);
            RemindAndEscalate(tx, now);
            SubmitDueCases(tx, now);
            FlushDigest(tx, now);
            return 0;
        }, cancellationToken);
        signal.Notify();
    }

    private void ReleaseHeld(IStoreTransaction tx, DateTimeOffset now)
    {
        foreach (var incident in tx.Incidents.ListHeld())
        {
            if (Suppressed(tx, incident, now) is not null)
            {
                continue;
            }

            var held = incident.HeldNotice;
            incident.HeldNotice = null;
            Event(tx, incident, now, "released", $"Notifications no longer held; releasing the {held} notice");
            switch (held)
            {
                case "opening" when incident.Status == IncidentStatus.Open:
                    Announce(tx, incident, now);
                    break;
                case "reopened" when incident.Status == IncidentStatus.Open:
                    RestartTimers(incident, now);
                    Notice(tx, incident, "reopened", now);
                    break;
                case "resolved" when incident.Status == IncidentStatus.Resolved:
                    SendResolved(tx, incident, now);
                    break;
            }

            tx.Incidents.Update(incident);
        }
    }

    private void RemindAndEscalate(IStoreTransaction tx, DateTimeOffset now)
    {
        foreach (var incident in tx.Incidents.ListOpen())
        {
            var reminderDue = incident.NextReminderAt <= now;
            var escalationDue = incident.EscalateAt <= now && incident.EscalationLevel < 2;
            if (!(reminderDue || escalationDue) || incident.Acknowledged || incident.HeldNotice is not null || !incident.Notified
                || Suppressed(tx, incident, now) is not null)
            {
                continue;
            }

            if (escalationDue)
            {
                incident.EscalationLevel = 2;
                incident.EscalateAt = null;
                Event(tx, incident, now, "escalated", $"Escalated to level 2: {string.Join(", ", options.Incidents.Escalation.Contacts)}");
                Notice(tx, incident, "escalation", now);
                var repeat = RepeatInterval;
                incident.NextReminderAt = repeat > TimeSpan.Zero ? now + repeat : null;
            }
            else
            {
                Notice(tx, incident, "reminder", now);
                var repeat = RepeatInterval;
                incident.NextReminderAt = repeat > TimeSpan.Zero ? now + repeat : null;
            }

            tx.Incidents.Update(incident);
        }
    }

    private void PauseReminder(IStoreTransaction tx, MaintenanceWindow window, DateTimeOffset now)
    {
        var limit = Duration.Parse(options.Maintenance.PauseReminderAfter);
        var to = router.Everyone(technicalFirst: false);
        if (limit <= TimeSpan.Zero || window.Length <= limit || to.Count == 0)
        {
            return;
        }

        var source = window.Id is { } id ? "adhoc-" + id.ToString(CultureInfo.InvariantCulture) : window.Source;
        var key = string.Create(CultureInfo.InvariantCulture, $"maintenance.{source}.{window.StartsAt.ToUnixTimeSeconds()}.pause");
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Maintenance of {options.Project} lasts {Duration.Format(window.Length)}, longer than {Duration.Format(limit)}.");
        text.AppendLine();
        text.AppendLine("Pause the integration in the partner portal for the duration of the maintenance, so that Google does not");
        text.AppendLine("send orders that cannot be served and does not count the failures against the integration.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Window:  {window.StartsAt:yyyy-MM-dd HH:mm} to {window.EndsAt:yyyy-MM-dd HH:mm} UTC ({window.Source})");
        if (window.Reason.Length > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Reason:  {window.Reason}");
        }

        text.AppendLine();
        text.AppendLine("Notifications and cases are held until the window ends; incidents that resolve meanwhile are not sent afterwards.");
        text.AppendLine("Remember to resume the integration in the portal when the maintenance is over.");
        var body = text.ToString();
        var html = "<!DOCTYPE html><html><body><h2>Pause the integration in the partner portal</h2><pre style=\"font-family:Arial,sans-serif;white-space:pre-wrap\">"
            + System.Net.WebUtility.HtmlEncode(body) + "</pre></body></html>";
        var subject = $"[MAINTENANCE] {options.Project}: pause the integration in the partner portal ({Duration.Format(window.Length)} window)";
        EnqueueEmail(tx, key, "maintenance", "maintenance-pause", null, to, new RenderedEmail(subject, body, html), MessageId(key), null, now);
    }
}
