using System.Globalization;
using System.Text;
using Monitor.Configuration;
using Monitor.Incidents.Messages;
using Monitor.Rules.Alerts;
using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents.Digest;

/// <summary>The digest of minor incidents: entries wait in the store and go out together once the interval has passed.</summary>
internal sealed class DigestService(IncidentsOptions options, ProjectIdentity project, IncidentRouter router, IncidentOutbox outbox)
{
    private const string DueKey = "digest-due";

    private readonly TimeSpan _interval = Duration.Parse(options.DigestInterval);

    public void Add(IStoreTransaction tx, IncidentRecord incident, NoticeKind kind, DateTimeOffset now)
    {
        var text = kind switch
        {
            NoticeKind.Resolved => $"RESOLVED {incident.DisplayId} {incident.Rule} on {incident.Signal}",
            NoticeKind.Escalated => $"WORSE {incident.DisplayId} [{incident.Severity.ToName()}] {incident.Rule} on {incident.Signal}: {incident.Summary}",
            NoticeKind.Reopened => $"AGAIN {incident.DisplayId} [{incident.Severity.ToName()}] {incident.Rule} on {incident.Signal}: {incident.Summary}",
            _ => $"FIRING {incident.DisplayId} [{incident.Severity.ToName()}] {incident.Rule} on {incident.Signal}: {incident.Summary}",
        };
        tx.Digest.Add(incident.Id, now, text);
        if (tx.Settings.Get(DueKey) is null)
        {
            tx.Settings.Set(DueKey, (now + _interval).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), now);
        }
    }

    public void Flush(IStoreTransaction tx, DateTimeOffset now)
    {
        if (tx.Settings.Get(DueKey) is not { } dueText
            || DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(dueText, CultureInfo.InvariantCulture)) > now)
        {
            return;
        }

        tx.Settings.Delete(DueKey);
        var items = tx.Digest.Pending();
        var to = router.Everyone();
        if (items.Count == 0 || to.Count == 0)
        {
            tx.Digest.MarkSent(items.Select(i => i.Id), now);
            return;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Digest of minor incidents ({project.Name}), {items.Count} entries:");
        text.AppendLine();
        foreach (var item in items)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{item.At:yyyy-MM-dd HH:mm:ss} UTC  {item.Text}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Status page: {project.StatusUrl}");
        var body = text.ToString();
        var html = "<!DOCTYPE html><html><body><h2>Digest of minor incidents</h2><pre style=\"font-family:monospace\">"
            + System.Net.WebUtility.HtmlEncode(body) + "</pre></body></html>";
        var key = string.Create(CultureInfo.InvariantCulture, $"digest.{items[0].Id}-{items[^1].Id}");
        var subject = string.Create(CultureInfo.InvariantCulture, $"[DIGEST] [minor] {project.Name}: {items.Count} minor incident events");
        outbox.Email(tx, key, "digest", "digest", null, to, new RenderedEmail(subject, body, html), outbox.MessageId(key), null, now);
        tx.Digest.MarkSent(items.Select(i => i.Id), now);
    }
}
