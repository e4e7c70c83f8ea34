using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MimeKit;
using Monitor.Rules.Alerts;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Probes.Http;
using Monitor.Tests.TestSupport;
using Xunit.Abstractions;

namespace Monitor.Tests.Incidents;

/// <summary>
/// One problem, one incident, one case across a <c>kill -9</c>: the real <c>monitor run</c> process on SQLite, a real
/// SMTP server and an HTTP target on loopback. A major alert opens the incident; an integration-down alert of the same
/// problem escalates it; the process is killed while the escalation is on its way out, and a restart on the same data
/// directory must deliver every message exactly once.
/// </summary>
public sealed class EscalationKillTests(ITestOutputHelper output)
{
    private const string Technical = "dev@acme.example";
    private const string Emergency = "oncall@acme.example";
    private const string Support = "support@google.example";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The kill point: the escalation has been committed to the store (the incident is critical and urgent, its
    /// e-mail and the urgent case are in the outbox) and the escalation e-mail has reached the SMTP server in full,
    /// but the server has not answered it, so the daemon cannot have marked it sent. SIGKILL then.
    /// </summary>
    [Fact]
    public async Task Run_Kill9WhileTheEscalationEmailAwaitsTheSmtpReply_RestartSendsEveryMessageOnce()
    {
        using var dir = new TempDirectory();
        await using var smtp = new SmtpTestServer();
        var faults = new Faults();
        await using var partner = await KestrelTestServer.StartAsync(app =>
        {
            app.MapGet("/health", () => faults.Health ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ok"));
            app.MapGet("/fulfillment", () => faults.Fulfillment ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ok"));
        });
        var webPort = FreePort.Next();
        var config = dir.Write("monitor.yaml", Config(dir.Path, smtp.Port, webPort, partner.BaseUrl));
        var data = Path.Combine(dir.Path, "data");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/"), Timeout = TimeSpan.FromSeconds(5) };

        MimeMessage firing;
        MimeMessage unanswered;
        faults.Health = true;
        using (var first = Start(dir.Path, config, "first"))
        {
            firing = await smtp.WaitForAsync(m => m.Subject!.StartsWith("[FIRING] [major]", StringComparison.Ordinal), Patience);

            // From here the server reads each message but keeps its reply back; the integration-down rule then joins.
            smtp.HoldReplies();
            faults.Fulfillment = true;
            unanswered = await smtp.WaitForUnansweredAsync(m => m.Subject!.StartsWith("[NOW URGENT]", StringComparison.Ordinal), Patience);
            using (var store = SqliteMonitorStore.ForDataDirectory(data, TimeProvider.System))
            {
                var incident = Assert.Single(await store.ReadAsync(tx => tx.Incidents.ListOpen()));
                Assert.True(incident.Urgent, "the escalation is committed before its e-mail goes out");
            }

            await first.SignalAsync("KILL");
            Assert.Equal(137, await first.WaitForExitAsync());
        }

        smtp.ReleaseReplies();
        Assert.Single(smtp.Messages);
        var atKill = await Outbox(data);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(atKill, m => m.Kind == "firing").Status);
        Assert.All(atKill.Where(m => m.Channel == "email" && m.Kind != "firing"), m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.Contains(atKill, m => m.Kind.StartsWith("case", StringComparison.Ordinal) && m.Channel == "email");

        // The restart, the partner still failing: the committed messages go out, nothing is sent again.
        using (var second = Start(dir.Path, config, "second"))
        {
            var escalation = await smtp.WaitForAsync(m => m.Subject!.StartsWith("[NOW URGENT]", StringComparison.Ordinal), Patience);
            await smtp.WaitForAsync(m => m.Subject!.StartsWith("[Urgent technical support]", StringComparison.Ordinal), Patience);
            Assert.Equal(unanswered.MessageId, escalation.MessageId);
            await Until(async () => await Pending(data) == 0, "the outbox drained after the restart");
            var evaluations = await Evaluations(http);
            await Until(async () => await Evaluations(http) >= evaluations + 6, "six evaluations after the outbox drained");
            Assert.True(smtp.Messages.Count == 3, "after the restart, before the recovery: the firing, the escalation and the case; got:\n" + Describe(smtp.Messages));

            faults.Health = false;
            faults.Fulfillment = false;
            await smtp.WaitForAsync(m => m.Subject!.StartsWith("[RESOLVED]", StringComparison.Ordinal), Patience);
            await smtp.WaitForAsync(m => m.Subject!.EndsWith(": resolved", StringComparison.Ordinal) && IsTo(m, Support), Patience);
            await Until(async () => await Pending(data) == 0, "the outbox drained after the recovery");
            evaluations = await Evaluations(http);
            await Until(async () => await Evaluations(http) >= evaluations + 6, "six evaluations after the recovery");
            Assert.False(second.HasExited, "the restarted daemon keeps running:\n" + second.Text);
        }

        var accepted = smtp.Messages;
        Assert.Equal(accepted.Count, accepted.Select(m => m.MessageId).Distinct().Count());

        var technical = To(accepted, Technical);
        Assert.Equal(["[FIRING]", "[NOW URGENT]", "[RESOLVED]"], technical.Select(Tag));
        var emergency = To(accepted, Emergency);
        Assert.Equal(["[NOW URGENT]", "[RESOLVED]"], emergency.Select(Tag));
        Assert.Equal(technical[1].MessageId, emergency[0].MessageId);
        Assert.Equal(technical[2].MessageId, emergency[1].MessageId);
        foreach (var reply in technical.Skip(1))
        {
            Assert.Equal(firing.MessageId, reply.InReplyTo);
            Assert.Contains(firing.MessageId, reply.References);
        }

        var support = To(accepted, Support);
        Assert.Equal(2, support.Count);
        Assert.StartsWith("[Urgent technical support] acme: the integration does not work", support[0].Subject, StringComparison.Ordinal);
        Assert.EndsWith(": resolved", support[1].Subject, StringComparison.Ordinal);
        Assert.Equal(support[0].MessageId, support[1].InReplyTo);
    }

    /// <summary>
    /// How both rules judge. A rule resolves when its window holds nothing to judge, so the window and
    /// <c>keepFiringFor</c> together must outlast the daemon's restart (and any stall of a loaded machine):
    /// an outage that outlives a restart must not read as resolved and broken again.
    /// </summary>
    private const string Judge = "window: 10s, threshold: 0.5, minSamples: 2, minErrors: 2, keepFiringFor: 5s";

    private static string Config(string folder, int smtpPort, int webPort, Uri partner) => string.Create(CultureInfo.InvariantCulture, $"""
        monitor:
          project: acme
          dataDirectory: "{folder}/data"
          web: {"{"} listen: "http://127.0.0.1:{webPort}" {"}"}
          smtp: {"{"} host: 127.0.0.1, port: {smtpPort}, security: none, from: monitor@acme.example, timeout: 10s {"}"}
          contacts: {"{"} emergency: [{Emergency}], technical: [{Technical}] {"}"}
          cases: {"{"} mode: auto, supportEmail: {Support} {"}"}
          evaluation: {"{"} interval: 500ms {"}"}
          delivery: {"{"} pollInterval: 500ms {"}"}
          incidents:
            tickInterval: 500ms
            routes:
              - {"{"} urgent: true, notify: [emergency, technical], case: urgent {"}"}
              - {"{"} severities: [major], notify: [technical] {"}"}
          targets:
            http:
              - {"{"} name: health, url: "{partner}health", interval: 500ms, timeout: 2s {"}"}
              - {"{"} name: fulfillment, url: "{partner}fulfillment", interval: 500ms, timeout: 2s {"}"}
          rules:
            - {"{"} name: health-errors, signal: health, {Judge}, severity: major, category: none {"}"}
            - {"{"} name: fulfillment-down, signal: fulfillment, {Judge}, severity: critical, category: integration-down {"}"}
        """);

    private static string Describe(IEnumerable<MimeMessage> messages) =>
        string.Join('\n', messages.Select(m => $"{m.MessageId} to {string.Join(",", m.To.Mailboxes.Select(b => b.Address))}: {m.Subject}"));

    /// <summary>Starts <c>monitor run</c>; its output goes to the test's log when it is disposed.</summary>
    private Logged Start(string folder, string config, string name) => new(DaemonProcess.Start(folder, "run", "--config", config), name, output);

    private static bool IsTo(MimeMessage message, string address) => message.To.Mailboxes.Any(b => b.Address == address);

    private static List<MimeMessage> To(IEnumerable<MimeMessage> messages, string address) => [.. messages.Where(m => IsTo(m, address))];

    private static string Tag(MimeMessage message) => message.Subject![..(message.Subject!.IndexOf(']', StringComparison.Ordinal) + 1)];

    private static async Task<IReadOnlyList<OutboxMessage>> Outbox(string data)
    {
        using var store = SqliteMonitorStore.ForDataDirectory(data, TimeProvider.System);
        return await store.ReadAsync(tx => tx.Incidents.ListOpen().SelectMany(i => tx.Outbox.ForIncident(i.Id)).ToList());
    }

    private static async Task<int> Pending(string data)
    {
        using var store = SqliteMonitorStore.ForDataDirectory(data, TimeProvider.System);
        return await store.ReadAsync(tx => tx.Outbox.Count(OutboxStatus.Pending));
    }

    private static async Task<double> Evaluations(HttpClient http)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("monitor_rule_evaluations_total ", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Patience, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>A daemon process whose output is written to the test's log on dispose (shown when the test fails).</summary>
    private sealed class Logged(DaemonProcess process, string name, ITestOutputHelper output) : IDisposable
    {
        public bool HasExited => process.HasExited;

        public string Text => process.Text;

        public Task SignalAsync(string signal) => process.SignalAsync(signal);

        public Task<int> WaitForExitAsync() => process.WaitForExitAsync();

        public void Dispose()
        {
            process.Dispose();
            output.WriteLine($"--- {name} daemon ---\n{process.Text}");
        }
    }

    /// <summary>What the loopback partner answers 503 to.</summary>
    private sealed class Faults
    {
        private volatile bool _health;
        private volatile bool _fulfillment;

        public bool Health { get => _health; set => _health = value; }

        public bool Fulfillment { get => _fulfillment; set => _fulfillment = value; }
    }
}
