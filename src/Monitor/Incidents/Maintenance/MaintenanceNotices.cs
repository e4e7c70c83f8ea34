using System.Globalization;
using System.Text;
using Monitor.Configuration;
using Monitor.Incidents.Messages;
using Monitor.Storage;

namespace Monitor.Incidents.Maintenance;

/// <summary>The reminder to pause the integration in the partner portal when a maintenance window is long.</summary>
internal sealed class MaintenanceNotices(MaintenanceOptions options, ProjectIdentity project, MaintenanceCalendar calendar, IncidentRouter router, IncidentOutbox outbox)
{
    private readonly TimeSpan _limit = Duration.Parse(options.PauseReminderAfter);

    /// <summary>One reminder for each window in force that is longer than the limit (once per window: the key says which).</summary>
    public void PauseReminders(IStoreTransaction tx, DateTimeOffset now)
    {
        foreach (var window in calendar.Active(tx, now))
        {
            PauseReminder(tx, window, now);
        }
    }

    public void PauseReminder(IStoreTransaction tx, MaintenanceWindow window, DateTimeOffset now)
    {
        var to = router.Everyone(technicalFirst: false);
        if (_limit <= TimeSpan.Zero || window.Length <= _limit || to.Count == 0)
        {
            return;
        }

        var source = window.Id is { } id ? "adhoc-" + id.ToString(CultureInfo.InvariantCulture) : window.Source;
        var key = string.Create(CultureInfo.InvariantCulture, $"maintenance.{source}.{window.StartsAt.ToUnixTimeSeconds()}.pause");
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Maintenance of {project.Name} lasts {Duration.Format(window.Length)}, longer than {Duration.Format(_limit)}.");
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
        var subject = $"[MAINTENANCE] {project.Name}: pause the integration in the partner portal ({Duration.Format(window.Length)} window)";
        outbox.Email(tx, key, "maintenance", "maintenance-pause", null, to, new RenderedEmail(subject, body, html), outbox.MessageId(key), null, now);
    }
}
