using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Alerts;
using Monitor.Storage;
using Monitor.Tests.Incidents;
using MimeKit;
using static Monitor.Tests.Incidents.IncidentHarness;

namespace Monitor.Tests.Notifications;

/// <summary>Delivery against a real SMTP server on loopback, with the real clock.</summary>
public sealed class DeliveryTests
{
    private static Monitor.Configuration.MonitorOptions SmtpOptions(string dataDirectory, int port, Action<Monitor.Configuration.MonitorOptions>? more = null) =>
        Options_(dataDirectory, o =>
        {
            o.Smtp.Host = "127.0.0.1";
            o.Smtp.Port = port;
            o.Smtp.Security = "none";
            o.Smtp.Timeout = "2s";
            o.Delivery.PollInterval = "100ms";
            o.Delivery.Retries = 2;
            o.Delivery.RetryDelay = "50ms";
            o.Delivery.BackoffDelay = "200ms";
            o.Delivery.MaxBackoff = "1s";
            o.Delivery.BreakerBreakDuration = "500ms";
            o.Delivery.BreakerSamplingDuration = "5s";
            o.Incidents.RepeatInterval = "0s";
            o.Incidents.ReopenWindow = "0s";
            more?.Invoke(o);
        });

    [Fact]
    public async Task SmtpServerDownForAWhile_EveryMessageArrivesExactlyOnce_InOrderPerIncident()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        await smtp.StopAsync();
        var options = SmtpOptions(NewDataDirectory(), smtp.Port);
        await using var h = Create(options, TimeProvider.System, background: true);
        await h.StartAsync();

        // Five incidents, each firing then resolving, while the server is down.
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await h.Intake.HandleAsync([Transition(TransitionKind.Firing, now, signal: $"target-{i}", severity: Severity.Major, category: AlertCategory.None)], default);
        }

        for (var i = 0; i < 5; i++)
        {
            await h.Intake.HandleAsync([Transition(TransitionKind.Resolved, now.AddSeconds(1), signal: $"target-{i}", severity: Severity.Major, category: AlertCategory.None)], default);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(smtp.Messages);
        var pending = await h.Store.ReadAsync(tx => tx.Outbox.Count(OutboxStatus.Pending));
        Assert.Equal(10, pending);

        smtp.StartAgain();
        var received = await smtp.WaitForAsync(10, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(1)); // anything extra would show up now
        received = smtp.Messages;

        Assert.Equal(10, received.Count);
        Assert.Equal(10, received.Select(m => m.MessageId).Distinct().Count());
        foreach (var thread in received.GroupBy(m => m.Headers["X-Monitor-Incident"]))
        {
            Assert.Equal(["FIRING", "RESOLVED"], thread.Select(m => m.Subject![1..m.Subject!.IndexOf(']', StringComparison.Ordinal)]));
            Assert.Equal(thread.First().MessageId, thread.Last().InReplyTo);
        }

        Assert.Equal(0, await h.Store.ReadAsync(tx => tx.Outbox.Count(OutboxStatus.Pending)));
    }

    [Fact]
    public async Task ProcessStoppedBetweenWritingAndSending_MessagesArriveOnceAfterRestart()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        var data = NewDataDirectory();
        var options = SmtpOptions(data, smtp.Port);

        // First process: writes the messages (the worker is not running), then dies without draining.
        var first = Create(options, TimeProvider.System, background: false);
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < 4; i++)
        {
            await first.Intake.HandleAsync([Transition(TransitionKind.Firing, now, signal: $"t{i}")], default);
        }

        await first.KillAsync();
        Assert.Empty(smtp.Messages);

        // Second process on the same file: a send in flight is cut by an abrupt stop.
        var blocking = new BlockingTransport();
        var second = Create(options, TimeProvider.System, blocking, background: true);
        await second.StartAsync();
        await blocking.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await second.KillAsync();
        Assert.Empty(smtp.Messages);

        // Third process: everything arrives, once.
        await using var third = Create(options, TimeProvider.System, background: true);
        await third.StartAsync();
        await smtp.WaitForAsync(8, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var received = smtp.Messages;
        Assert.Equal(4, received.Count(m => m.Subject!.StartsWith("[URGENT FIRING]", StringComparison.Ordinal)));
        Assert.Equal(received.Count, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(0, await third.Store.ReadAsync(tx => tx.Outbox.Count(OutboxStatus.Pending)));
    }

    [Fact]
    public async Task NoSecretAppearsInLogsMessagesOrTheOutbox()
    {
        const string password = "smtp-Pa55word-xyz";
        const string webhookToken = "whk-T0ken-abcdef123";
        const string apiToken = "api-token-0123456789abcdef";
        await using var smtp = LoopbackSmtpServer.Start("monitor", password);
        await using var hook = await LoopbackWebhook.StartAsync(failFirst: 3);
        var logs = new ConcurrentQueue<string>();
        var options = SmtpOptions(NewDataDirectory(), smtp.Port, o =>
        {
            o.Smtp.Username = "monitor";
            o.Smtp.Password = password;
            o.Cases.Mode = "auto";
            o.Cases.SupportEmail = "support@partner.example";
            o.Cases.Webhook.Url = hook.Url;
            o.Cases.Webhook.Token = webhookToken;
            o.Api.Token = apiToken;
        });
        await using var h = Create(options, TimeProvider.System, logs: logs, background: true);
        await h.StartAsync();

        // The failing request carries a credential in its summary: it must be redacted too.
        var t = Transition(TransitionKind.Firing, TimeProvider.System.GetUtcNow()) with
        {
            Summary = $"HTTP 500; request had Authorization: Bearer {webhookToken} and password={password}",
        };
        await h.Intake.HandleAsync([t], default);
        await smtp.WaitForAsync(2, TimeSpan.FromSeconds(20));
        await hook.WaitForAsync(1, TimeSpan.FromSeconds(20));
        await Task.Delay(500);

        Assert.Equal(2, smtp.Messages.Count);
        Assert.Equal("Bearer " + webhookToken, hook.Authorizations.Last());
        var everything = new StringBuilder();
        foreach (var m in smtp.Messages)
        {
            using var stream = new MemoryStream();
            await m.WriteToAsync(stream);
            everything.Append(Encoding.UTF8.GetString(stream.ToArray()));
        }

        everything.AppendJoin('\n', hook.Bodies).AppendJoin('\n', logs);
        var outbox = await h.Store.ReadAsync(tx => tx.Outbox.ForIncident(1));
        everything.AppendJoin('\n', outbox.Select(o => o.Payload + o.LastError));
        foreach (var file in Directory.GetFiles(options.DataDirectory, "*", SearchOption.AllDirectories).Where(f => !f.Contains("monitor.db", StringComparison.Ordinal)))
        {
            everything.Append(await File.ReadAllTextAsync(file));
        }

        var text = everything.ToString();
        Assert.Contains("[redacted]", text, StringComparison.Ordinal);
        Assert.Contains(logs, l => l.Contains("webhook", StringComparison.OrdinalIgnoreCase) && l.Contains("not delivered", StringComparison.Ordinal));
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(webhookToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(apiToken, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSmtpPassword_IsRetriedWithoutLoggingThePassword()
    {
        const string password = "wrong-Secret-987654";
        await using var smtp = LoopbackSmtpServer.Start("monitor", "the-right-one");
        var logs = new ConcurrentQueue<string>();
        var options = SmtpOptions(NewDataDirectory(), smtp.Port, o =>
        {
            o.Smtp.Username = "monitor";
            o.Smtp.Password = password;
        });
        await using var h = Create(options, TimeProvider.System, logs: logs, background: true);
        await h.StartAsync();
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, TimeProvider.System.GetUtcNow())], default);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(smtp.Messages);
        Assert.Contains(logs, l => l.Contains("not delivered", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(password, StringComparison.Ordinal));
        Assert.Equal(1, await h.Store.ReadAsync(tx => tx.Outbox.Count(OutboxStatus.Pending)));
    }

    [Fact]
    public async Task DeadWebhook_OpensItsOwnCircuit_WhileEmailKeepsFlowing()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        await using var hook = await LoopbackWebhook.StartAsync(failFirst: int.MaxValue);
        var options = SmtpOptions(NewDataDirectory(), smtp.Port, o =>
        {
            o.Cases.Mode = "auto";
            o.Cases.Webhook.Url = hook.Url;
            o.Delivery.Retries = 0;
            o.Delivery.BreakerMinimumThroughput = 2;
            o.Delivery.BreakerBreakDuration = "30s";
            o.Delivery.BackoffDelay = "100ms";
            o.Delivery.MaxBackoff = "200ms";
        });
        await using var h = Create(options, TimeProvider.System, background: true);
        await h.StartAsync();
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < 6; i++)
        {
            await h.Intake.HandleAsync([Transition(TransitionKind.Firing, now, signal: $"t{i}")], default);
        }

        await smtp.WaitForAsync(6, TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(6, smtp.Messages.Count);
        var webhooks = (await h.Store.ReadAsync(tx => Enumerable.Range(1, 6).SelectMany(i => tx.Outbox.ForIncident(i)).ToList()))
            .Where(m => m.Channel == Channels.Webhook).ToList();
        Assert.Equal(6, webhooks.Count);
        Assert.All(webhooks, m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.Contains(webhooks, m => m.LastError == "webhook circuit open");
        // The breaker stopped the hammering: at most the first concurrent round got through (6), where
        // 2 s of rounds every 100-200 ms would otherwise have made dozens of calls.
        Assert.True(hook.Authorizations.Count <= 6, $"{hook.Authorizations.Count} calls reached the dead webhook");
    }

    /// <summary>Blocks inside the send until cancelled: the process "dies" between writing and sending.</summary>
    private sealed class BlockingTransport : Monitor.Notifications.Email.IMailTransport
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "blocking";

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}

/// <summary>A JSON webhook receiver on loopback that fails its first requests.</summary>
internal sealed class LoopbackWebhook : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failures;

    private LoopbackWebhook(WebApplication app, int failFirst)
    {
        _app = app;
        _failures = failFirst;
    }

    public string Url { get; private set; } = "";

    public ConcurrentQueue<string> Bodies { get; } = new();

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public ConcurrentQueue<string> Keys { get; } = new();

    public static async Task<LoopbackWebhook> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var hook = new LoopbackWebhook(app, failFirst);
        app.UseRouting();
        app.MapPost("/cases", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            hook.Authorizations.Enqueue(request.Headers.Authorization.ToString());
            if (Interlocked.Decrement(ref hook._failures) >= 0)
            {
                return Results.StatusCode(503);
            }

            hook.Bodies.Enqueue(body);
            hook.Keys.Enqueue(request.Headers["Idempotency-Key"].ToString());
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        hook.Url = address + "/cases";
        return hook;
    }

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Bodies.Count < count && clock.Elapsed < timeout)
        {
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
