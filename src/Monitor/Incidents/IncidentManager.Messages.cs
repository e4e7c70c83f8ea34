using System.Globalization;
using System.Text;
using Monitor.Configuration;
using Monitor.Incidents.Cases;
using Monitor.Notifications.Email;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Incidents;

internal sealed partial class IncidentManager
{
    private string Domain => "monitor." + new string([.. options.Project.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-')]);

    /// <summary>The stable Message-ID of an outbox message: derived from its idempotency key.</summary>
    private string MessageId(string idempotencyKey) =>
        new string([.. idempotencyKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '.')]) + "@" + Domain;

    /// <summary>Writes an incident e-mail (firing, reopened, reminder, escalation, acknowledged, resolved) to the outbox, threaded.</summary>
    private void Notice(IStoreTransaction tx, IncidentRecord incident, string kind, DateTimeOffset now)
    {
        var route = router.Route(incident.Severity, incident.Category);
        var recipients = router.Recipients(route, incident.EscalationLevel);
        if (recipients.Count == 0)
        {
            return;
        }

        incident.MessageSeq++;
        var key = string.Create(CultureInfo.InvariantCulture, $"incident-{incident.Id}.{incident.MessageSeq}.{kind}");
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

        var ackUrl = kind is "resolved" or "acknowledged" || incident.Acknowledged || incident.Status != IncidentStatus.Open
            ? null
            : ackLinks.CreateUrl(ackLinks.Key(tx), incident.Id, now);
        Event(tx, incident, now, "notified", $"{char.ToUpperInvariant(kind[0])}{kind[1..]} notice to {string.Join(", ", recipients)}");
        var rendered = composer.Compose(new IncidentNotice(kind, incident, tx.Incidents.Members(incident.Id), tx.Incidents.Timeline(incident.Id),
            tx.Cases.ForIncident(incident.Id), ackUrl, now));
        EnqueueEmail(tx, key, $"incident:{incident.Id}", kind, incident.Id, recipients, rendered, messageId, inReplyTo, now,
            new Dictionary<string, string> { ["X-Monitor-Incident"] = incident.DisplayId, ["X-Monitor-Fingerprint"] = incident.Fingerprint });
    }

    private void EnqueueEmail(IStoreTransaction tx, string key, string stream, string kind, long? incidentId, IReadOnlyList<string> to,
        RenderedEmail rendered, string messageId, string? inReplyTo, DateTimeOffset now, Dictionary<string, string>? headers = null)
    {
        headers ??= [];
        headers["X-Monitor-Idempotency-Key"] = key;
        var payload = new EmailPayload(to, rendered.Subject, rendered.Text, rendered.Html, messageId, inReplyTo,
            inReplyTo is null ? [] : [inReplyTo], headers);
        tx.Outbox.Enqueue(new OutboxMessage
        {
            IdempotencyKey = key,
            Stream = stream,
            Channel = Channels.Email,
            Kind = kind,
            IncidentId = incidentId,
            Payload = PayloadJson.Serialize(payload),
            CreatedAt = now,
            AvailableAt = now,
        });
    }

    private void AddDigest(IStoreTransaction tx, IncidentRecord incident, DateTimeOffset now, string text)
    {
        tx.Digest.Add(incident.Id, now, text);
        Event(tx, incident, now, "digest", "Added to the next digest");
        if (tx.Settings.Get(DigestDueKey) is null)
        {
            var due = now + Duration.Parse(options.Incidents.DigestInterval);
            tx.Settings.Set(DigestDueKey, due.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), now);
        }
    }

    private const string DigestDueKey = "digest-due";

    private void FlushDigest(IStoreTransaction tx, DateTimeOffset now)
    {
        if (tx.Settings.Get(DigestDueKey) is not { } dueText
            || DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(dueText, CultureInfo.InvariantCulture)) > now)
        {
            return;
        }

        tx.Settings.Delete(DigestDueKey);
        var items = tx.Digest.Pending();
        var to = router.Everyone();
        if (items.Count == 0 || to.Count == 0)
        {
            tx.Digest.MarkSent(items.Select(i => i.Id), now);
            return;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Digest of minor incidents ({options.Project}), {items.Count} entries:");
        text.AppendLine();
        foreach (var item in items)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{item.At:yyyy-MM-dd HH:mm:ss} UTC  {item.Text}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Status page: {composer.StatusUrl}");
        var body = text.ToString();
        var html = "<!DOCTYPE html><html><body><h2>Digest of minor incidents</h2><pre style=\"font-family:monospace\">"
            + System.Net.WebUtility.HtmlEncode(body) + "</pre></body></html>";
        var key = string.Create(CultureInfo.InvariantCulture, $"digest.{items[0].Id}-{items[^1].Id}");
        var subject = string.Create(CultureInfo.InvariantCulture, $"[DIGEST] [minor] {options.Project}: {items.Count} minor incident events");
        EnqueueEmail(tx, key, "digest", "digest", null, to, new RenderedEmail(subject, body, html), MessageId(key), null, now);
        tx.Digest.MarkSent(items.Select(i => i.Id), now);
    }

    // ---- cases -------------------------------------------------------------------------------

    private void OpenCase(IStoreTransaction tx, IncidentRecord incident, Route route, DateTimeOffset now)
    {
        if (route.Case == "none" || (route.Case == "standard" && !options.Cases.Standard) || tx.Cases.ForIncident(incident.Id) is not null)
        {
            return;
        }

        var record = new CaseRecord
        {
            IncidentId = incident.Id,
            Kind = route.Case,
            Category = route.Case == "urgent" ? CaseEvidence.UrgentCategory : CaseEvidence.StandardCategory,
            Title = evidence.Title(incident),
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (route.Case == "urgent")
        {
            var delay = Duration.Parse(options.Cases.ConfirmationDelay);
            switch (options.Cases.Mode.ToLowerInvariant())
            {
                case "draft":
                    record.Status = CaseStatus.Drafted;
                    break;
                case "after-confirmation" when delay > TimeSpan.Zero:
                    record.Status = CaseStatus.Pending;
                    record.DueAt = now + delay;
                    break;
                default:
                    record.Status = CaseStatus.Submitted;
                    break;
            }
        }
        else
        {
            var due = calendar.NextBusinessTime(now);
            record.Status = due <= now ? CaseStatus.Submitted : CaseStatus.Pending;
            record.DueAt = due <= now ? null : due;
        }

        tx.Cases.Insert(record);
        record.BundlePath = CaseEvidence.BundleDirectory(record, incident);
        switch (record.Status)
        {
            case CaseStatus.Drafted:
                Event(tx, incident, now, "case", $"{record.DisplayId} drafted ({record.Category}): evidence in {record.BundlePath}, not sent");
                EnqueueBundle(tx, record, incident, now, "drafted");
                break;
            case CaseStatus.Submitted:
                Submit(tx, record, incident, now);
                break;
            default:
                Event(tx, incident, now, "case", IncidentEmailComposer.CaseLine(record));
                break;
        }

        tx.Cases.Update(record);
    }

    private void Submit(IStoreTransaction tx, CaseRecord record, IncidentRecord incident, DateTimeOffset now)
    {
        record.Status = CaseStatus.Submitted;
        record.SubmittedAt = now;
        record.DueAt = null;
        record.UpdatedAt = now;
        record.BundlePath ??= CaseEvidence.BundleDirectory(record, incident);
        var where = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Cases.SupportEmail))
        {
            where.Add(options.Cases.SupportEmail);
        }

        if (!string.IsNullOrWhiteSpace(options.Cases.Webhook.Url))
        {
            where.Add("webhook");
        }

        Event(tx, incident, now, "case", $"{record.DisplayId} submitted ({record.Category}) to {(where.Count == 0 ? "nobody (no support address or webhook configured)" : string.Join(" and ", where))}; evidence in {record.BundlePath}");
        EnqueueCase(tx, record, incident, now, "submitted");
    }

    /// <summary>Writes the case's evidence bundle and, for a submission or an update, its e-mail and webhook to the outbox.</summary>
    private void EnqueueCase(IStoreTransaction tx, CaseRecord record, IncidentRecord incident, DateTimeOffset now, string what)
    {
        EnqueueBundle(tx, record, incident, now, what);
        var members = tx.Incidents.Members(incident.Id);
        var timeline = tx.Incidents.Timeline(incident.Id);
        var suffix = what == "submitted" ? what : string.Create(CultureInfo.InvariantCulture, $"{what}.{incident.Reopened}");
        if (!string.IsNullOrWhiteSpace(options.Cases.SupportEmail))
        {
            var key = $"case-{record.Id}.email.{suffix}";
            var root = MessageId($"case-{record.Id}.email.submitted");
            var markdown = evidence.Markdown(record, incident, members, timeline);
            var subject = what == "submitted"
                ? $"[{record.Category}] {record.Title} ({record.DisplayId})"
                : $"Re: [{record.Category}] {record.Title} ({record.DisplayId}): {what}";
            var html = "<!DOCTYPE html><html><body><pre style=\"font-family:monospace;white-space:pre-wrap\">"
                + System.Net.WebUtility.HtmlEncode(markdown) + "</pre></body></html>";
            var messageId = MessageId(key);
            EnqueueEmail(tx, key, $"case:{record.Id}:email", "case-" + what, incident.Id, [options.Cases.SupportEmail],
                new RenderedEmail(subject, markdown, html), messageId, messageId == root ? null : root, now,
                new Dictionary<string, string> { ["X-Monitor-Case"] = record.DisplayId, ["X-Monitor-Incident"] = incident.DisplayId });
        }

        if (!string.IsNullOrWhiteSpace(options.Cases.Webhook.Url))
        {
            var key = $"case-{record.Id}.webhook.{suffix}";
            tx.Outbox.Enqueue(new OutboxMessage
            {
                IdempotencyKey = key,
                Stream = $"case:{record.Id}:webhook",
                Channel = Channels.Webhook,
                Kind = "case-" + what,
                IncidentId = incident.Id,
                Payload = PayloadJson.Serialize(new WebhookPayload("case", evidence.Json(record, incident, members, timeline, key))),
                CreatedAt = now,
                AvailableAt = now,
            });
        }
    }

    private void EnqueueBundle(IStoreTransaction tx, CaseRecord record, IncidentRecord incident, DateTimeOffset now, string what)
    {
        var members = tx.Incidents.Members(incident.Id);
        var timeline = tx.Incidents.Timeline(incident.Id);
        var key = string.Create(CultureInfo.InvariantCulture, $"case-{record.Id}.bundle.{what}.{incident.Reopened}");
        var files = new Dictionary<string, string>
        {
            ["case.md"] = evidence.Markdown(record, incident, members, timeline),
            ["case.json"] = evidence.Json(record, incident, members, timeline, key),
        };
        tx.Outbox.Enqueue(new OutboxMessage
        {
            IdempotencyKey = key,
            Stream = $"case:{record.Id}:bundle",
            Channel = Channels.Bundle,
            Kind = "case-bundle",
            IncidentId = incident.Id,
            Payload = PayloadJson.Serialize(new BundlePayload(record.BundlePath ?? CaseEvidence.BundleDirectory(record, incident), files)),
            CreatedAt = now,
            AvailableAt = now,
        });
    }

    private void CloseCase(IStoreTransaction tx, CaseRecord record, IncidentRecord incident, DateTimeOffset now)
    {
        switch (record.Status)
        {
            case CaseStatus.Pending:
                record.Status = CaseStatus.Cancelled;
                record.DueAt = null;
                Event(tx, incident, now, "case", $"{record.DisplayId} cancelled: resolved before it was due");
                break;
            case CaseStatus.Submitted or CaseStatus.Drafted:
                record.Status = CaseStatus.Resolved;
                record.ResolvedAt = now;
                Event(tx, incident, now, "case", $"{record.DisplayId} resolved");
                if (record.SubmittedAt is null)
                {
                    EnqueueBundle(tx, record, incident, now, "resolved");
                }

                break;
            default:
                return;
        }

        record.UpdatedAt = now;
        tx.Cases.Update(record);
    }

    private void ReviveCase(IStoreTransaction tx, CaseRecord record, IncidentRecord incident, DateTimeOffset now)
    {
        switch (record.Status)
        {
            case CaseStatus.Resolved:
                record.Status = record.SubmittedAt is null ? CaseStatus.Drafted : CaseStatus.Submitted;
                record.ResolvedAt = null;
                Event(tx, incident, now, "case", $"{record.DisplayId} open again (same case, not a new one)");
                break;
            case CaseStatus.Cancelled:
                record.Status = CaseStatus.Pending;
                record.DueAt = record.Kind == "urgent" ? now + Duration.Parse(options.Cases.ConfirmationDelay) : calendar.NextBusinessTime(now);
                Event(tx, incident, now, "case", IncidentEmailComposer.CaseLine(record));
                break;
            default:
                return;
        }

        record.UpdatedAt = now;
        tx.Cases.Update(record);
    }

    private void SubmitDueCases(IStoreTransaction tx, DateTimeOffset now)
    {
        foreach (var record in tx.Cases.Due(now))
        {
            var incident = tx.Incidents.Get(record.IncidentId);
            if (incident is null)
            {
                continue;
            }

            if (incident.Status != IncidentStatus.Open || (record.Kind == "urgent" && incident.Acknowledged))
            {
                record.Status = CaseStatus.Cancelled;
                record.DueAt = null;
                record.UpdatedAt = now;
                Event(tx, incident, now, "case", $"{record.DisplayId} not submitted: {(incident.Acknowledged ? "acknowledged" : "resolved")} before it was due");
                tx.Cases.Update(record);
                tx.Incidents.Update(incident);
                continue;
            }

            if (incident.HeldNotice is not null || Suppressed(tx, incident, now) is not null)
            {
                continue;
            }

            Submit(tx, record, incident, now);
            tx.Cases.Update(record);
            tx.Incidents.Update(incident);
            LogCaseSubmitted(record.DisplayId, incident.DisplayId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {Case} submitted for incident {Incident}")]
    private partial void LogCaseSubmitted(string @case, string incident);
}
