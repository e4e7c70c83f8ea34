using Monitor.Incidents.Acknowledgement;
using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents.Messages;

/// <summary>Writes an incident e-mail (firing, broken again, escalated, reminder, level 2, acknowledged, resolved) for the route's people, in the incident's thread.</summary>
internal sealed class IncidentNotices(IncidentRouter router, IncidentEmailComposer composer, AckLinks ackLinks, IncidentOutbox outbox)
{
    public void Send(IStoreTransaction tx, IncidentRecord incident, NoticeDue notice, DateTimeOffset now)
    {
        var recipients = router.Recipients(notice.Route, notice.EscalationLevel);
        if (recipients.Count == 0)
        {
            return;
        }

        var kind = notice.Kind;
        var ackUrl = kind is NoticeKind.Resolved or NoticeKind.Acknowledged || incident.Acknowledged || incident.Status != IncidentStatus.Open
            ? null
            : ackLinks.CreateUrl(ackLinks.Key(tx), incident.Id, now);
        var name = kind.Name();
        tx.Incidents.AddEvent(new IncidentEvent(incident.Id, now, "notified", $"{char.ToUpperInvariant(name[0])}{name[1..]} notice to {string.Join(", ", recipients)}"));
        var rendered = composer.Compose(new IncidentNotice(kind, incident, tx.Incidents.Members(incident.Id), tx.Incidents.Timeline(incident.Id),
            tx.Cases.ForIncident(incident.Id), ackUrl, now));
        outbox.IncidentEmail(tx, incident, name, recipients, rendered, now);
    }
}
