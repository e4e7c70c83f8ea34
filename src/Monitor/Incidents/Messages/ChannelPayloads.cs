using System.Globalization;
using System.Text.Json.Nodes;
using Monitor.Configuration;
using Monitor.Rules.Alerts;
using Monitor.Rules.Incidents;
using Monitor.Storage;
using Channels = Monitor.Notifications.Outbox.Channels;

namespace Monitor.Incidents.Messages;

/// <summary>What a chat or paging message says about an incident notice: the facts shared by every channel's layout.</summary>
internal sealed record ChannelNotice(NoticeKind Kind, IncidentRecord Incident, IReadOnlyList<IncidentMember> Members, string? AckUrl, DateTimeOffset Now);

/// <summary>
/// The bodies of incident notices for PagerDuty (Events API v2), Slack (Block Kit) and Teams (an Adaptive
/// Card in the workflow-webhook envelope). Secrets (the routing key, webhook URLs) are never part of them.
/// </summary>
internal sealed class ChannelPayloads(ProjectIdentity project, SecretRedactor redactor)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The PagerDuty <c>dedup_key</c> of an incident: the same for every event of it, so a redelivery never opens a second PagerDuty incident.</summary>
    public string DedupKey(IncidentRecord incident) =>
        "monitor-" + project.Slug + "-" + incident.DisplayId;

    /// <summary>The body for <paramref name="channel"/>, or null when that channel is not told of this kind of notice.</summary>
    public string? Build(string channel, ChannelNotice notice) => channel switch
    {
        Channels.PagerDuty => PagerDuty(notice),
        Channels.Slack => Slack(notice),
        Channels.Teams => Teams(notice),
        _ => null,
    };

    /// <summary>
    /// The test messages of <c>notify-test</c> for a channel, sent in order: for PagerDuty an info-level
    /// trigger and its resolve on a dedup key of its own, so the test leaves no open PagerDuty incident.
    /// </summary>
    public IReadOnlyList<string> Test(string channel, DateTimeOffset now)
    {
        var stamp = now.ToString("yyyyMMdd'T'HHmmss'Z'", Invariant);
        var text = $"Test message from monitor ({project.Name}) at {now.ToString("u", Invariant)}";
        switch (channel)
        {
            case Channels.PagerDuty:
                var key = $"monitor-test-{stamp}";
                var trigger = new JsonObject
                {
                    ["event_action"] = "trigger",
                    ["dedup_key"] = key,
                    ["payload"] = new JsonObject
                    {
                        ["summary"] = text, ["source"] = project.Name, ["severity"] = "info", ["timestamp"] = now.ToString("o", Invariant),
                        ["class"] = "test",
                    },
                    ["client"] = "Monitor " + project.Name,
                    ["client_url"] = project.StatusUrl,
                };
                return [trigger.ToJsonString(), new JsonObject { ["event_action"] = "resolve", ["dedup_key"] = key }.ToJsonString()];
            case Channels.Slack:
                return [new JsonObject
                {
                    ["text"] = text,
                    ["blocks"] = new JsonArray(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape(text) } }),
                }.ToJsonString()];
            case Channels.Teams:
                return [new JsonObject
                {
                    ["type"] = "message",
                    ["attachments"] = new JsonArray(
                        new JsonObject
                        {
                            ["contentType"] = "application/vnd.microsoft.card.adaptive",
                            ["contentUrl"] = null,
                            ["content"] = new JsonObject
                            {
                                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json", ["type"] = "AdaptiveCard", ["version"] = "1.4",
                                ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
                            },
                        }),
                }.ToJsonString()];
            default:
                return [];
        }
    }

    /// <summary>PagerDuty event severity: critical, error, warning or info.</summary>
    public static string PagerDutySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.Major => "error",
        Severity.Minor => "warning",
        _ => "info",
    };

    /// <summary>
    /// Trigger on firing, broken again and worse; acknowledge; resolve. Reminders and level-2 escalation are
    /// left to PagerDuty's own escalation policy.
    /// </summary>
    private string? PagerDuty(ChannelNotice n)
    {
        var action = n.Kind switch
        {
            NoticeKind.Firing or NoticeKind.Reopened or NoticeKind.Escalated => "trigger",
            NoticeKind.Acknowledged => "acknowledge",
            NoticeKind.Resolved => "resolve",
            _ => null,
        };
        if (action is null)
        {
            return null;
        }

        var i = n.Incident;
        var body = new JsonObject { ["event_action"] = action, ["dedup_key"] = DedupKey(i) };
        if (action == "trigger")
        {
            var details = new JsonObject
            {
                ["incident"] = i.DisplayId,
                ["category"] = i.Category.ToName(),
                ["since"] = i.Since.ToString("o", Invariant),
                ["figures"] = redactor.Redact(i.Summary),
                ["alerts"] = new JsonArray([.. n.Members.Select(m => (JsonNode)$"{m.Rule} on {m.Signal} ({m.Severity.ToName()}, {(m.Firing ? "firing" : "resolved")})")]),
            };
            if (i.Problem is not null)
            {
                details["problem"] = i.Problem;
            }

            body["payload"] = new JsonObject
            {
                ["summary"] = Cut(Title(n), 1024),
                ["source"] = $"{project.Name}: {i.Signal}",
                ["severity"] = PagerDutySeverity(i.Severity),
                ["timestamp"] = n.Now.ToString("o", Invariant),
                ["component"] = i.Signal,
                ["group"] = i.Problem ?? i.Rule,
                ["class"] = i.Category.ToName(),
                ["custom_details"] = details,
            };
            body["client"] = "Monitor " + project.Name;
            body["client_url"] = project.StatusUrl;
            var links = new JsonArray(new JsonObject { ["href"] = project.StatusUrl, ["text"] = "Status page" });
            if (n.AckUrl is not null)
            {
                links.Add((JsonNode)new JsonObject { ["href"] = n.AckUrl, ["text"] = "Acknowledge in Monitor" });
            }

            body["links"] = links;
        }

        return body.ToJsonString();
    }

    /// <summary>Block Kit: a header, the summary, the figures as fields, and link buttons.</summary>
    private string Slack(ChannelNotice n)
    {
        var fields = new JsonArray([.. Facts(n).Take(10).Select(f => (JsonNode)Mrkdwn($"*{Escape(f.Title)}*\n{Escape(f.Value)}"))]);
        var buttons = new JsonArray(Button("Status page", project.StatusUrl, null));
        if (n.AckUrl is not null)
        {
            buttons.Add((JsonNode)Button("Acknowledge", n.AckUrl, "primary"));
        }

        var body = new JsonObject
        {
            ["text"] = Cut(Title(n), 3000),
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Cut(Title(n), 150) } },
                new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Cut(Escape(Summary(n)), 3000)) },
                new JsonObject { ["type"] = "section", ["fields"] = fields },
                new JsonObject { ["type"] = "actions", ["elements"] = buttons }),
        };
        return body.ToJsonString();

        static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = Cut(text, 2000) };

        static JsonObject Button(string text, string url, string? style)
        {
            var button = new JsonObject { ["type"] = "button", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text }, ["url"] = url };
            if (style is not null)
            {
                button["style"] = style;
            }

            return button;
        }
    }

    /// <summary>An Adaptive Card (1.4) in the message envelope a Teams workflow webhook expects.</summary>
    private string Teams(ChannelNotice n)
    {
        var actions = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Status page", ["url"] = project.StatusUrl });
        if (n.AckUrl is not null)
        {
            actions.Add((JsonNode)new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Acknowledge", ["url"] = n.AckUrl });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "TextBlock", ["text"] = Title(n), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true,
                    ["color"] = n.Kind is NoticeKind.Resolved ? "Good" : n.Kind is NoticeKind.Acknowledged ? "Default" : "Attention",
                },
                new JsonObject { ["type"] = "TextBlock", ["text"] = Summary(n), ["wrap"] = true },
                new JsonObject { ["type"] = "FactSet", ["facts"] = new JsonArray([.. Facts(n).Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })]) }),
            ["actions"] = actions,
        };
        var envelope = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card }),
        };
        return envelope.ToJsonString();
    }

    private string Title(ChannelNotice n)
    {
        var i = n.Incident;
        var label = n.Kind switch
        {
            NoticeKind.Firing => i.Urgent ? "URGENT FIRING" : "FIRING",
            NoticeKind.Reopened => "BROKEN AGAIN",
            NoticeKind.Escalated => i.Urgent ? "NOW URGENT" : "WORSE",
            NoticeKind.Reminder => "REMINDER",
            NoticeKind.LevelTwo => "ESCALATED",
            NoticeKind.Acknowledged => "ACKNOWLEDGED",
            _ => "RESOLVED",
        };
        return $"[{label}] {i.DisplayId} {i.Severity.ToName()} {project.Name}: {i.Rule} on {i.Signal}";
    }

    private string Summary(ChannelNotice n)
    {
        var i = n.Incident;
        var what = n.Kind switch
        {
            NoticeKind.Resolved => $"Resolved at {(i.ResolvedAt ?? n.Now).ToString("u", Invariant)}.",
            NoticeKind.Acknowledged => $"Acknowledged by {i.AcknowledgedBy ?? "someone"}.",
            _ => $"Broken since {i.Since.ToString("u", Invariant)}.",
        };
        return redactor.Redact($"{what} {i.Summary}".Trim());
    }

    private IEnumerable<(string Title, string Value)> Facts(ChannelNotice n)
    {
        var i = n.Incident;
        yield return ("Severity", i.Severity.ToName());
        yield return ("Category", i.Category.ToName());
        if (i.Problem is not null)
        {
            yield return ("Problem", i.Problem);
        }

        yield return ("Since", i.Since.ToString("u", Invariant));
        if (IncidentFigures.Parse(i.FiguresJson) is { } f)
        {
            yield return ("Failures", string.Create(Invariant, $"{f.Failures} of {f.Samples} over {Duration.Format(TimeSpan.FromSeconds(f.WindowSeconds))}"));
            yield return ("Value", string.Create(Invariant, $"{f.Value:0.###} (threshold {f.Threshold:0.###})"));
            if (f.TopErrorTypes.Count > 0)
            {
                yield return ("Errors", string.Join(", ", f.TopErrorTypes.Take(3).Select(e => string.Create(Invariant, $"{e.Type} {e.Count}"))));
            }

            if (f.DistinctRestaurants > 0)
            {
                yield return ("Restaurants", string.Create(Invariant, $"{f.DistinctRestaurants} affected"));
            }
        }

        yield return ("Alerts", string.Create(Invariant, $"{n.Members.Count(m => m.Firing)} firing of {n.Members.Count}"));
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
