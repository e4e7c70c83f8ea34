using Monitor.Configuration;
using Monitor.Incidents.Messages;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents.Cases;

/// <summary>
/// Writes what a case change causes: its timeline line, its evidence bundle (every change, so the bundle on
/// disk always matches the stored case) and, when it is sent, the e-mail to the support address and the
/// webhook post. Follow-ups (now urgent, broken again, resolved) go on the case's own thread.
/// </summary>
internal sealed class CaseMessages(CasesOptions cases, CaseEvidence evidence, IncidentOutbox outbox)
{
    public void Apply(IStoreTransaction tx, CaseRecord record, IncidentRecord incident, CaseChanged change, DateTimeOffset now)
    {
        var what = change.Update.Name();
        if (change.Note)
        {
            tx.Incidents.AddEvent(new IncidentEvent(incident.Id, now, "case", Line(record, incident, change)));
        }

        var members = tx.Incidents.Members(incident.Id);
        var timeline = tx.Incidents.Timeline(incident.Id);
        var suffix = change.Update == CaseUpdate.Submitted ? what : $"{what}.{incident.Reopened}";
        var bundleKey = $"case-{record.Id}.bundle.{suffix}";
        outbox.Bundle(tx, bundleKey, $"case:{record.Id}:bundle", incident.Id, new BundlePayload(record.BundlePath ?? CaseEvidence.BundleDirectory(record, incident),
            new Dictionary<string, string>
            {
                ["case.md"] = evidence.Markdown(record, incident, members, timeline),
                ["case.json"] = evidence.Json(record, incident, members, timeline, bundleKey),
            }), now);
        if (!change.Send)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(cases.SupportEmail))
        {
            var key = $"case-{record.Id}.email.{suffix}";
            var root = outbox.MessageId($"case-{record.Id}.email.submitted");
            var markdown = evidence.Markdown(record, incident, members, timeline);
            var subject = change.Update == CaseUpdate.Submitted
                ? $"[{record.Category}] {record.Title} ({record.DisplayId})"
                : $"Re: [{record.Category}] {record.Title} ({record.DisplayId}): {FollowUp(change.Update)}";
            var html = "<!DOCTYPE html><html><body><pre style=\"font-family:monospace;white-space:pre-wrap\">"
                + System.Net.WebUtility.HtmlEncode(markdown) + "</pre></body></html>";
            var messageId = outbox.MessageId(key);
            outbox.Email(tx, key, $"case:{record.Id}:email", "case-" + what, incident.Id, [cases.SupportEmail],
                new RenderedEmail(subject, markdown, html), messageId, messageId == root ? null : root, now,
                new Dictionary<string, string> { ["X-Monitor-Case"] = record.DisplayId, ["X-Monitor-Incident"] = incident.DisplayId });
        }

        if (!string.IsNullOrWhiteSpace(cases.Webhook.Url))
        {
            var key = $"case-{record.Id}.webhook.{suffix}";
            outbox.Webhook(tx, key, $"case:{record.Id}:webhook", "case-" + what, incident.Id,
                new WebhookPayload("case", evidence.Json(record, incident, members, timeline, key)), now);
        }
    }

    private static string FollowUp(CaseUpdate update) => update switch
    {
        CaseUpdate.Urgent => "now urgent",
        CaseUpdate.BrokenAgain => "broken again",
        CaseUpdate.Resolved => "resolved",
        _ => update.Name(),
    };

    private string Line(CaseRecord c, IncidentRecord i, CaseChanged change) => change.Update switch
    {
        CaseUpdate.Submitted => $"{c.DisplayId} submitted ({c.Category}) to {Where()}; evidence in {c.BundlePath}",
        CaseUpdate.Drafted => $"{c.DisplayId} drafted ({c.Category}): evidence in {c.BundlePath}, not sent",
        CaseUpdate.Urgent => $"{c.DisplayId} is now urgent ({c.Category}){(change.Send ? ": follow-up sent on its thread, same case" : "")}",
        CaseUpdate.BrokenAgain => $"{c.DisplayId} open again (same case, not a new one){(change.Send ? ": 'broken again' follow-up sent" : "")}",
        CaseUpdate.Resolved => $"{c.DisplayId} resolved",
        CaseUpdate.Cancelled => $"{c.DisplayId} not submitted: {(i.Status == IncidentStatus.Open && i.Acknowledged ? "acknowledged" : "resolved")} before it was due",
        _ => IncidentEmailComposer.CaseLine(c),
    };

    private string Where()
    {
        var where = new List<string>();
        if (!string.IsNullOrWhiteSpace(cases.SupportEmail))
        {
            where.Add(cases.SupportEmail);
        }

        if (!string.IsNullOrWhiteSpace(cases.Webhook.Url))
        {
            where.Add("webhook");
        }

        return where.Count == 0 ? "nobody (no support address or webhook configured)" : string.Join(" and ", where);
    }
}
