using System.Text.Json.Nodes;
using Monitor.Configuration;
using Monitor.Incidents;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Alerts;
using Monitor.Storage;
using Monitor.Tests.Incidents;
using static Monitor.Tests.Incidents.IncidentHarness;

namespace Monitor.Tests.Notifications.ChatChannels;

/// <summary>PagerDuty, Slack and Teams against loopback receivers, with the real clock: payloads as each service documents them, retries, refusals.</summary>
public sealed class ChannelDeliveryTests
{
    private const string RoutingKey = "R0uting-Key-0123456789abcdef0123";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static MonitorOptions ChannelOptions(LoopbackReceiver? pagerDuty, LoopbackReceiver? slack, LoopbackReceiver? teams,
        Action<MonitorOptions>? more = null, string? dataDirectory = null) =>
        Options_(dataDirectory ?? NewDataDirectory(), o =>
        {
            o.Delivery.PollInterval = "100ms";
            o.Delivery.Retries = 3;
            o.Delivery.RetryDelay = "50ms";
            o.Delivery.BackoffDelay = "200ms";
            o.Delivery.MaxBackoff = "2s";
            o.Incidents.RepeatInterval = "0s";
            o.Incidents.ReopenWindow = "0s";
            if (pagerDuty is not null)
            {
                o.Channels.PagerDuty.RoutingKey = RoutingKey;
                o.Channels.PagerDuty.Url = pagerDuty.Url;
            }

            if (slack is not null)
            {
                o.Channels.Slack.WebhookUrl = slack.Url;
            }

            if (teams is not null)
            {
                o.Channels.Teams.WebhookUrl = teams.Url;
            }

            more?.Invoke(o);
        });

    private static async Task<List<OutboxMessage>> Messages(IncidentHarness h, string channel) =>
        [.. (await h.Store.ReadAsync(tx => tx.Outbox.ForIncident(1))).Where(m => m.Channel == channel)];

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition() && clock.Elapsed < Wait)
        {
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task PagerDuty_UrgentIncidentAcknowledgedThenResolved_TriggerAcknowledgeResolveShareOneDedupKey()
    {
        await using var pd = await LoopbackReceiver.StartAsync();
        await using var h = Create(ChannelOptions(pd, null, null), TimeProvider.System, new CapturingTransport(), background: true);
        await h.StartAsync();
        var now = TimeProvider.System.GetUtcNow();

        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, now)], default);
        await pd.WaitForAsync(1, Wait);
        Assert.True((await h.Acks.AcknowledgeAsync(1, "alice", "test", null)).Ok);
        await pd.WaitForAsync(2, Wait);
        await h.Intake.HandleAsync([Transition(TransitionKind.Resolved, now.AddSeconds(1))], default);
        await pd.WaitForAsync(3, Wait);

        var events = pd.Accepted.ToList();
        Assert.Equal(["trigger", "acknowledge", "resolve"], events.Select(e => (string)e["event_action"]!));
        Assert.All(events, e => Assert.Equal(RoutingKey, (string)e["routing_key"]!));
        Assert.All(events, e => Assert.Equal("monitor-acme-INC-1", (string)e["dedup_key"]!));
        var payload = events[0]["payload"]!.AsObject();
        Assert.Equal("critical", (string)payload["severity"]!);
        Assert.Contains("checkout-errors on checkout", (string)payload["summary"]!, StringComparison.Ordinal);
        Assert.InRange(((string)payload["summary"]!).Length, 1, 1024);
        Assert.Equal("acme: checkout", (string)payload["source"]!);
        Assert.True(DateTimeOffset.TryParse((string)payload["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal("orders-blocked", (string)payload["class"]!);
        Assert.Contains(events[0]["links"]!.AsArray(), l => ((string)l!["href"]!).StartsWith("https://monitor.acme.example/", StringComparison.Ordinal));
        Assert.Null(events[1]["payload"]);
        Assert.DoesNotContain(RoutingKey, string.Join("", (await Messages(h, Channels.PagerDuty)).Select(m => m.Payload)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Severity.Critical, "critical")]
    [InlineData(Severity.Major, "error")]
    [InlineData(Severity.Minor, "warning")]
    [InlineData(Severity.Info, "info")]
    public void PagerDutySeverity_EachSeverity_MapsToTheEventsApiValue(Severity severity, string expected) =>
        Assert.Equal(expected, Monitor.Incidents.Messages.ChannelPayloads.PagerDutySeverity(severity));

    [Fact]
    public async Task Slack_UrgentIncidentFiring_PostsBlockKitWithTitleFiguresAndLinks()
    {
        await using var slack = await LoopbackReceiver.StartAsync();
        slack.Otherwise = 200;
        await using var h = Create(ChannelOptions(null, slack, null), TimeProvider.System, new CapturingTransport(), background: true);
        await h.StartAsync();

        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, TimeProvider.System.GetUtcNow())], default);
        await slack.WaitForAsync(1, Wait);

        var body = Assert.Single(slack.Accepted);
        Assert.Contains("INC-1", (string)body["text"]!, StringComparison.Ordinal);
        var blocks = body["blocks"]!.AsArray().Select(b => b!.AsObject()).ToList();
        var header = Assert.Single(blocks, b => (string)b["type"]! == "header");
        Assert.Equal("plain_text", (string)header["text"]!["type"]!);
        Assert.StartsWith("[URGENT FIRING] INC-1 critical acme: checkout-errors on checkout", (string)header["text"]!["text"]!, StringComparison.Ordinal);
        Assert.InRange(((string)header["text"]!["text"]!).Length, 1, 150);
        var fields = blocks.Single(b => b["fields"] is not null)["fields"]!.AsArray().Select(f => (string)f!["text"]!).ToList();
        Assert.InRange(fields.Count, 1, 10);
        Assert.All(blocks.Single(b => b["fields"] is not null)["fields"]!.AsArray(), f => Assert.Equal("mrkdwn", (string)f!["type"]!));
        Assert.Contains("*Failures*\n30 of 40 over 5m", fields);
        Assert.Contains(fields, f => f.StartsWith("*Errors*\nMERCHANT_UNREACHABLE 20", StringComparison.Ordinal));
        var buttons = blocks.Single(b => (string)b["type"]! == "actions")["elements"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.All(buttons, b => Assert.Equal("button", (string)b["type"]!));
        Assert.Equal(["Status page", "Acknowledge"], buttons.Select(b => (string)b["text"]!["text"]!));
        Assert.Equal("https://monitor.acme.example/", (string)buttons[0]["url"]!);
        Assert.Contains("/ack", (string)buttons[1]["url"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_UrgentIncidentFiring_PostsAdaptiveCardInWorkflowEnvelope()
    {
        await using var teams = await LoopbackReceiver.StartAsync();
        await using var h = Create(ChannelOptions(null, null, teams), TimeProvider.System, new CapturingTransport(), background: true);
        await h.StartAsync();

        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, TimeProvider.System.GetUtcNow())], default);
        await teams.WaitForAsync(1, Wait);

        var body = Assert.Single(teams.Accepted);
        Assert.Equal("message", (string)body["type"]!);
        var attachment = Assert.Single(body["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)attachment["contentType"]!);
        Assert.True(attachment.ContainsKey("contentUrl"));
        var card = attachment["content"]!.AsObject();
        Assert.Equal("AdaptiveCard", (string)card["type"]!);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string)card["$schema"]!);
        Assert.Equal("1.4", (string)card["version"]!);
        var items = card["body"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.StartsWith("[URGENT FIRING] INC-1", (string)items[0]["text"]!, StringComparison.Ordinal);
        var facts = items.Single(i => (string)i["type"]! == "FactSet")["facts"]!.AsArray().ToDictionary(f => (string)f!["title"]!, f => (string)f!["value"]!);
        Assert.Equal("critical", facts["Severity"]);
        Assert.Equal("orders-blocked", facts["Category"]);
        Assert.Equal("3 affected", facts["Restaurants"]);
        var actions = card["actions"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.All(actions, a => Assert.Equal("Action.OpenUrl", (string)a["type"]!));
        Assert.Equal(["Status page", "Acknowledge"], actions.Select(a => (string)a["title"]!));
    }

    [Fact]
    public async Task Deliver_TooManyRequestsWithRetryAfterThenServerError_RetriedAndDeliveredOnce()
    {
        await using var slack = await LoopbackReceiver.StartAsync();
        slack.Answer(429, 503);
        slack.RetryAfterSeconds = 1;
        slack.Otherwise = 200;
        await using var h = Create(ChannelOptions(null, slack, null), TimeProvider.System, new CapturingTransport(), background: true);
        await h.StartAsync();

        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, TimeProvider.System.GetUtcNow())], default);
        await slack.WaitForAsync(1, Wait);
        await WaitUntilAsync(async () => (await Messages(h, Channels.Slack)).All(m => m.Status == OutboxStatus.Sent));

        Assert.Single(slack.Accepted);
        var arrivals = slack.Arrivals.ToList();
        Assert.Equal(3, arrivals.Count);
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromSeconds(0.9), $"retried after {arrivals[1] - arrivals[0]}, before the Retry-After of 1 s");
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await Messages(h, Channels.Slack)).Status);
    }

    [Fact]
    public async Task Deliver_ClientError_MarkedFailedWithoutRetry()
    {
        await using var pd = await LoopbackReceiver.StartAsync();
        pd.Otherwise = 400;
        await using var h = Create(ChannelOptions(pd, null, null), TimeProvider.System, new CapturingTransport(), background: true);
        await h.StartAsync();

        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, TimeProvider.System.GetUtcNow())], default);
        await WaitUntilAsync(async () => (await Messages(h, Channels.PagerDuty)).Any(m => m.Status == OutboxStatus.Failed));

        var message = Assert.Single(await Messages(h, Channels.PagerDuty));
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Contains("HTTP 400", message.LastError, StringComparison.Ordinal);
        Assert.Equal(1, pd.Requests);
        Assert.Empty(pd.Accepted);
    }

    [Fact]
    public async Task DefaultRoutes_MajorIncident_GoesToSlackButNotPagerDuty()
    {
        await using var pd = await LoopbackReceiver.StartAsync();
        await using var slack = await LoopbackReceiver.StartAsync();
        var transport = new CapturingTransport();
        await using var h = Create(ChannelOptions(pd, slack, null), TimeProvider.System, transport, background: true);
        await h.StartAsync();

        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, TimeProvider.System.GetUtcNow(), severity: Severity.Major, category: AlertCategory.None)], default);
        await slack.WaitForAsync(1, Wait);
        await WaitUntilAsync(() => Task.FromResult(transport.Messages.Count > 0));

        Assert.Single(slack.Accepted);
        Assert.Single(transport.Messages);
        Assert.Empty(await Messages(h, Channels.PagerDuty));
        Assert.Equal(0, pd.Requests);
    }

    [Fact]
    public async Task RoutedIncident_RestartWhileSlackIsDown_EmailSlackAndPagerDutyEachDeliveredOnce()
    {
        await using var pd = await LoopbackReceiver.StartAsync();
        await using var slack = await LoopbackReceiver.StartAsync();
        slack.Otherwise = 503;
        var data = NewDataDirectory();
        var options = ChannelOptions(pd, slack, null, o =>
        {
            o.Delivery.Retries = 0;
            o.Incidents.Routes = [new RouteOptions { Severities = ["critical"], Notify = ["emergency", "slack", "pagerduty"], Case = "none" }];
        }, data);
        var transport = new CapturingTransport();

        // First process: e-mail and PagerDuty go out, Slack keeps answering 503; then it stops abruptly.
        var first = Create(options, TimeProvider.System, transport, background: true);
        await first.StartAsync();
        await first.Intake.HandleAsync([Transition(TransitionKind.Firing, TimeProvider.System.GetUtcNow())], default);
        await pd.WaitForAsync(1, Wait);
        await WaitUntilAsync(() => Task.FromResult(transport.Messages.Count > 0 && slack.Requests > 0));
        // Delivered means recorded as sent: killed between the SMTP server's answer and that record, a message goes
        // out again (at least once), which is not what this test is about.
        await WaitUntilAsync(async () => (await first.Store.ReadAsync(tx => tx.Outbox.ForIncident(1)))
            .Count(m => m.Status == OutboxStatus.Sent && m.Channel is Channels.Email or Channels.PagerDuty) == 2);
        await first.KillAsync();
        Assert.Empty(slack.Accepted);

        // Second process on the same database, Slack back: only what was not delivered goes out.
        slack.Otherwise = 200;
        await using var second = Create(options, TimeProvider.System, transport, background: true);
        await second.StartAsync();
        await slack.WaitForAsync(1, Wait);
        await WaitUntilAsync(async () => (await second.Store.ReadAsync(tx => tx.Outbox.Count(OutboxStatus.Pending))) == 0);

        Assert.Single(transport.Messages);
        Assert.Single(pd.Accepted);
        Assert.Single(slack.Accepted);
        var keys = (await second.Store.ReadAsync(tx => tx.Outbox.ForIncident(1))).Select(m => (m.Channel, m.IdempotencyKey, m.Stream)).ToList();
        Assert.Contains((Channels.Email, "incident-1.1.firing", "incident:1"), keys);
        Assert.Contains((Channels.Slack, "incident-1.1.firing.slack", "incident:1:slack"), keys);
        Assert.Contains((Channels.PagerDuty, "incident-1.1.firing.pagerduty", "incident:1:pagerduty"), keys);
    }
}
