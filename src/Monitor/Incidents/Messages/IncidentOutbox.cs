using System.Globalization;
using Monitor.Configuration;
using Monitor.Notifications.Channels;
using Monitor.Notifications.Outbox;
using Monitor.Storage;

namespace Monitor.Incidents.Messages;

/// <summary>
/// The one writer of outbox messages. Every message has an idempotency key derived from what caused it,
/// so writing the same change twice keeps one message, and a stable Message-ID derived from that key, so
/// the e-mails of one incident or one case form one thread.
/// </summary>
internal sealed class IncidentOutbox(ProjectIdentity project)
{
    private string Domain => "monitor." + project.Slug;

    /// <summary>The stable Message-ID of an outbox message: derived from its idempotency key.</summary>
    public string MessageId(string idempotencyKey) =>
        new string([.. idempotencyKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '.')]) + "@" + Domain;

    public void Email(IStoreTransaction tx, string key, string stream, string kind, long? incidentId, IReadOnlyList<string> to,
        RenderedEmail rendered, string messageId, string? inReplyTo, DateTimeOffset now, Dictionary<string, string>? headers = null)
    {
        headers ??= [];
        headers["X-Monitor-Idempotency-Key"] = key;
        var payload = new EmailPayload(to, rendered.Subject, rendered.Text, rendered.Html, messageId, inReplyTo,
            inReplyTo is null ? [] : [inReplyTo], headers);
        Enqueue(tx, key, stream, Channels.Email, kind, incidentId, PayloadJson.Serialize(payload, OutboxJson.Default.EmailPayload), now);
    }

    public void Webhook(IStoreTransaction tx, string key, string stream, string kind, long? incidentId, WebhookPayload payload, DateTimeOffset now) =>
        Enqueue(tx, key, stream, Channels.Webhook, kind, incidentId, PayloadJson.Serialize(payload, OutboxJson.Default.WebhookPayload), now);

    public void Bundle(IStoreTransaction tx, string key, string stream, long? incidentId, BundlePayload payload, DateTimeOffset now) =>
        Enqueue(tx, key, stream, Channels.Bundle, "case-bundle", incidentId, PayloadJson.Serialize(payload, OutboxJson.Default.BundlePayload), now);

    /// <summary>The idempotency key of the incident's next notice; the channels' messages of that notice derive theirs from it.</summary>
    public static string NextNoticeKey(IncidentRecord incident, string kind)
    {
        incident.MessageSeq++;
        return string.Create(CultureInfo.InvariantCulture, $"incident-{incident.Id}.{incident.MessageSeq}.{kind}");
    }

    /// <summary>An incident e-mail in the incident's thread; the first one becomes the thread's root.</summary>
    public void IncidentEmail(IStoreTransaction tx, IncidentRecord incident, string key, string kind, IReadOnlyList<string> to, RenderedEmail rendered, DateTimeOffset now)
    {
        var messageId = MessageId(key);
        string? inReplyTo = null;
        if (incident.ThreadId is null)
        {
            incident.ThreadId = messageId;
        }
        else
        {
            inReplyTo = incident.ThreadId;
        }

        Email(tx, key, $"incident:{incident.Id}", kind, incident.Id, to, rendered, messageId, inReplyTo, now,
            new Dictionary<string, string> { ["X-Monitor-Incident"] = incident.DisplayId, ["X-Monitor-Fingerprint"] = incident.Fingerprint });
    }

    /// <summary>
    /// A notice on a chat or paging channel: its own stream per incident and channel, so one channel's outage
    /// neither reorders nor holds up the others, and a key derived from the notice's e-mail key.
    /// </summary>
    public static void IncidentChannel(IStoreTransaction tx, IncidentRecord incident, string channel, string noticeKey, string kind, string body, DateTimeOffset now) =>
        Enqueue(tx, noticeKey + "." + channel, string.Create(CultureInfo.InvariantCulture, $"incident:{incident.Id}:{channel}"), channel, kind, incident.Id,
            PayloadJson.Serialize(new ChannelPayload(body), OutboxJson.Default.ChannelPayload), now);

    private static void Enqueue(IStoreTransaction tx, string key, string stream, string channel, string kind, long? incidentId, string payload, DateTimeOffset now) =>
        tx.Outbox.Enqueue(new OutboxMessage
        {
            IdempotencyKey = key,
            Stream = stream,
            Channel = channel,
            Kind = kind,
            IncidentId = incidentId,
            Payload = payload,
            CreatedAt = now,
            AvailableAt = now,
        });
}
