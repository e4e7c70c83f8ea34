using Monitor.Incidents.Acknowledgement;
using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents.Messages;

/// <summary>
/// Writes an incident notice (firing, broken again, escalated, reminder, level 2, acknowledged, resolved):
/// an e-mail for the route's people, in the incident's thread, and one message per chat or paging channel
/// the route names.
/// </summary>
internal sealed class IncidentNotices(IncidentRouter router, IncidentEmailComposer composer, ChannelPayloads payloads, AckLinks ackLinks, IncidentOutbox outbox)
{
    public void Send(IStoreTransaction tx, IncidentRecord incident, NoticeDue notice, DateTimeOffset now)
    {
        var recipients = router.Recipients(notice.Route, notice.EscalationLevel);
        var channels = router.Channels(notice.Route);
        if (recipients.Count == 0 && channels.Count == 0)
        {
            return;
        }

        var kind = notice.Kind;
        var ackUrl = kind is NoticeKind.Resolved or NoticeKind.Acknowledged || incident.Acknowledged || incident.Status != IncidentStatus.Open
            ? null
            : ackLinks.CreateUrl(ackLinks.Key(tx), incident.Id, now);
        var name = kind.Name();
        var members = tx.Incidents.Members(incident.Id);
        var bodies = channels.Select(c => (Channel: c, Body: payloads.Build(c, new ChannelNotice(kind, incident, members, ackUrl, now))))
            .Where(b => b.Body is not null).ToList();
        if (recipients.Count == 0 && bodies.Count == 0)
        {
            return;
        }

        var told = string.Join(", ", recipients.Concat(bodies.Select(b => b.Channel)));
        tx.Incidents.AddEvent(new IncidentEvent(incident.Id, now, "notified", $"{char.ToUpperInvariant(name[0])}{name[1..]} notice to {told}"));
        var key = IncidentOutbox.NextNoticeKey(incident, name);
        if (recipients.Count > 0)
        {
            var rendered = composer.Compose(new IncidentNotice(kind, incident, members, tx.Incidents.Timeline(incident.Id),
                tx.Cases.ForIncident(incident.Id), ackUrl, now));
            outbox.IncidentEmail(tx, incident, key, name, recipients, rendered, now);
        }

        foreach (var (channel, body) in bodies)
        {
            IncidentOutbox.IncidentChannel(tx, incident, channel, key, name, body!, now);
        }
    }
}
