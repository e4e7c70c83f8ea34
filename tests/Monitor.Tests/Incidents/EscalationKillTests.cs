using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using MimeKit;
using Monitor.Storage;
using Monitor.Storage.Sqlite;
using Monitor.Tests.Probes.Http;
using Monitor.Tests.TestSupport;
using Xunit.Abstractions;

namespace Monitor.Tests.Incidents;

/// <summary>
/// One problem, one incident, one case across a <c>kill -9</c>: the real <c>monitor run</c> process on SQLite, a real
/// SMTP server and an HTTP target on loopback. A major alert opens the incident; an integration-down alert of the same
/// problem escalates it (to the emergency and technical contacts, with an urgent case); the process is killed while the
/// escalation is on its way out, restarted on the same data directory, and the target then recovers.
/// </summary>
public sealed class EscalationKillTests(ITestOutputHelper output)
{
    private const string Technical = "dev@acme.example";
    private const string Emergency = "oncall@acme.example";
    private const string Support = "support@google.example";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The kill point: the escalation is committed to the store (the incident is urgent; its e-mail and the urgent
    /// case's e-mail are in the outbox) and both e-mails have reached the SMTP server in full, which has not answered
    /// them: neither is delivered, neither can be marked sent. After the restart each arrives once.
    /// </summary>
    [Fact]
    public async Task Run_Kill9WhileTheEscalationEmailsAwaitTheSmtpReply_RestartSendsEveryMessageOnce()
    {
        await using var rig = await Rig.StartAsync(output);
        MimeMessage firing;
        (MimeMessage Escalation, MimeMessage Case) held;
        using (var first = rig.Daemon("first"))
        {
            firing = await rig.MajorFiresAsync();
            held = await rig.UrgentJoinsWithRepliesHeldAsync();
            await KillAsync(first);
        }

        rig.Smtp.ReleaseReplies();
        Assert.Equal([firing.MessageId], rig.Smtp.Messages.Select(m => m.MessageId));
        await rig.AssertEscalationPendingAsync();

        using (var second = rig.Daemon("second"))
        {
            await rig.DrainsWhileFailingThenResolvesAsync(second);
        }

        var accepted = rig.Smtp.Messages;
        Assert.True(accepted.Select(m => m.MessageId).Distinct().Count() == accepted.Count, "a message arrived twice:\n" + Describe(accepted));
        AssertOneThreadOneCase(firing, accepted);
        Assert.Contains(accepted, m => m.MessageId == held.Escalation.MessageId);
        Assert.Contains(accepted, m => m.MessageId == held.Case.MessageId);
    }

    /// <summary>
    /// The kill point: the SMTP server has accepted (250) the escalation e-mail and the case e-mail, but the store
    /// cannot record them as sent yet (the test holds SQLite's write lock). This is the one window where SMTP cannot be
    /// exactly once: the restart sends both again, each with the same Message-ID and idempotency key, so a receiver
    /// that drops a repeated Message-ID sees every message once, and nothing else is repeated.
    /// </summary>
    [Fact]
    public async Task Run_Kill9AfterTheSmtpServerAcceptedTheEscalationBeforeTheStoreRecordedIt_RestartResendsItUnderTheSameMessageIdOnly()
    {
        await using var rig = await Rig.StartAsync(output);
        MimeMessage firing;
        (MimeMessage Escalation, MimeMessage Case) held;
        using (var first = rig.Daemon("first"))
        {
            firing = await rig.MajorFiresAsync();
            held = await rig.UrgentJoinsWithRepliesHeldAsync();
            using (var writeLock = await LockForWritingAsync(rig.Data))
            {
                rig.Smtp.ReleaseReplies(accept: true);
                await rig.Smtp.WaitForAsync(m => m.MessageId == held.Escalation.MessageId, Patience);
                await rig.Smtp.WaitForAsync(m => m.MessageId == held.Case.MessageId, Patience);
                await KillAsync(first);
            }
        }

        await rig.AssertEscalationPendingAsync();

        using (var second = rig.Daemon("second"))
        {
            await rig.DrainsWhileFailingThenResolvesAsync(second);
        }

        var accepted = rig.Smtp.Messages;
        var repeated = accepted.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).ToList();
        Assert.Equal(new[] { held.Escalation.MessageId, held.Case.MessageId }.Order(StringComparer.Ordinal), repeated.Select(g => g.Key).Order(StringComparer.Ordinal));
        Assert.All(repeated, g =>
        {
            Assert.Equal(2, g.Count());
            Assert.Single(g.Select(m => m.Headers["X-Monitor-Idempotency-Key"]).Distinct());
            Assert.Single(g.Select(m => m.Subject).Distinct());
        });
        AssertOneThreadOneCase(firing, [.. accepted.DistinctBy(m => m.MessageId)]);
    }

    /// <summary>
    /// Technical: the firing, the escalation and the resolved notice, all in one thread; emergency: the same
    /// escalation and resolved notice; support: one urgent case and its resolved follow-up.
    /// </summary>
    private static void AssertOneThreadOneCase(MimeMessage firing, IReadOnlyList<MimeMessage> messages)
    {
        var technical = To(messages, Technical);
        Assert.True(technical.Select(Tag).SequenceEqual(["[FIRING]", "[NOW URGENT]", "[RESOLVED]"]), "technical contacts:\n" + Describe(technical));
        Assert.StartsWith("[FIRING] [major] [none] acme: health-errors on health", firing.Subject, StringComparison.Ordinal);
        Assert.StartsWith("[NOW URGENT] [critical] [integration-down] acme: fulfillment-down on fulfillment", technical[1].Subject, StringComparison.Ordinal);
        var emergency = To(messages, Emergency);
        Assert.Equal([technical[1].MessageId, technical[2].MessageId], emergency.Select(m => m.MessageId));
        foreach (var reply in technical.Skip(1))
        {
            Assert.Equal(firing.MessageId, reply.InReplyTo);
            Assert.Contains(firing.MessageId, reply.References);
        }

        var support = To(messages, Support);
        Assert.True(support.Count == 2, "support:\n" + Describe(support));
        Assert.StartsWith("[Urgent technical support] acme: the integration does not work", support[0].Subject, StringComparison.Ordinal);
        Assert.EndsWith(": resolved", support[1].Subject, StringComparison.Ordinal);
        Assert.Equal(support[0].MessageId, support[1].InReplyTo);
    }

    private static async Task KillAsync(Logged daemon)
    {
        await daemon.Process.SignalAsync("KILL");
        Assert.Equal(137, await daemon.Process.WaitForExitAsync());
    }

    /// <summary>Takes the SQLite file's write lock (<c>BEGIN IMMEDIATE</c>) until disposed: the daemon's writes wait meanwhile.</summary>
    private static async Task<IDisposable> LockForWritingAsync(string data)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(data, SqliteMonitorStore.FileName),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync();
        return new WriteLock(connection, connection.BeginTransaction(deferred: false));
    }

    private static string Describe(IEnumerable<MimeMessage> messages) =>
        string.Join('\n', messages.Select(m => $"{m.MessageId} to {string.Join(",", m.To.Mailboxes.Select(b => b.Address))}: {m.Subject}"));

    private static bool IsTo(MimeMessage message, string address) => message.To.Mailboxes.Any(b => b.Address == address);

    private static List<MimeMessage> To(IEnumerable<MimeMessage> messages, string address) => [.. messages.Where(m => IsTo(m, address))];

    private static string Tag(MimeMessage message) => message.Subject![..(message.Subject!.IndexOf(']', StringComparison.Ordinal) + 1)];

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Patience, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The world of both tests: a temp folder with the config, the SMTP server, the loopback partner whose two
    /// endpoints fail on demand, and the daemon's web address.
    /// </summary>
    private sealed class Rig : IAsyncDisposable
    {
        /// <summary>
        /// How both rules judge. A rule resolves when its window holds nothing to judge, so the window and
        /// <c>keepFiringFor</c> together must outlast the daemon's restart (and any stall of a loaded machine):
        /// an outage that outlives a restart must not read as resolved and broken again.
        /// </summary>
        private const string Judge = "window: 10s, threshold: 0.5, minSamples: 2, minErrors: 2, keepFiringFor: 5s";

        private readonly TempDirectory _dir;
        private readonly KestrelTestServer _partner;
        private readonly Faults _faults;
        private readonly HttpClient _http;
        private readonly string _config;
        private readonly ITestOutputHelper _output;

        private Rig(TempDirectory dir, SmtpTestServer smtp, KestrelTestServer partner, Faults faults, ITestOutputHelper output)
        {
            _dir = dir;
            Smtp = smtp;
            _partner = partner;
            _faults = faults;
            _output = output;
            var webPort = FreePort.Next();
            _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/"), Timeout = TimeSpan.FromSeconds(5) };
            _config = dir.Write("monitor.yaml", Config(dir.Path, smtp.Port, webPort, partner.BaseUrl));
            Data = Path.Combine(dir.Path, "data");
        }

        public SmtpTestServer Smtp { get; }

        public string Data { get; }

        public static async Task<Rig> StartAsync(ITestOutputHelper output)
        {
            var dir = new TempDirectory();
            var smtp = new SmtpTestServer();
            var faults = new Faults();
            var partner = await KestrelTestServer.StartAsync(app =>
            {
                app.MapGet("/health", () => faults.Health ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ok"));
                app.MapGet("/fulfillment", () => faults.Fulfillment ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ok"));
            });
            return new Rig(dir, smtp, partner, faults, output);
        }

        /// <summary>Starts <c>monitor run</c> on the rig's config; its output goes to the test's log when it is disposed.</summary>
        public Logged Daemon(string name) => new(DaemonProcess.Start(_dir.Path, "run", "--config", _config), name, _output);

        /// <summary>The health endpoint fails: the major rule opens the incident, and its firing e-mail reaches the technical contacts.</summary>
        public async Task<MimeMessage> MajorFiresAsync()
        {
            _faults.Health = true;
            return await Smtp.WaitForAsync(m => m.Subject!.StartsWith("[FIRING]", StringComparison.Ordinal), Patience);
        }

        /// <summary>
        /// With the SMTP server holding its replies, the fulfillment endpoint fails too: the integration-down rule joins
        /// the incident. Returns once the store shows the incident urgent and both the escalation e-mail and the urgent
        /// case's e-mail have reached the server unanswered.
        /// </summary>
        public async Task<(MimeMessage Escalation, MimeMessage Case)> UrgentJoinsWithRepliesHeldAsync()
        {
            Smtp.HoldReplies();
            _faults.Fulfillment = true;
            var escalation = await Smtp.WaitForHeldAsync(m => m.Subject!.StartsWith("[NOW URGENT]", StringComparison.Ordinal), Patience);
            var caseMail = await Smtp.WaitForHeldAsync(m => IsTo(m, Support), Patience);
            var incident = Assert.Single(await ReadAsync(tx => tx.Incidents.ListOpen()));
            Assert.True(incident.Urgent, "the escalation is committed before its e-mails go out");
            Assert.DoesNotContain(Smtp.Messages, m => m.Subject!.StartsWith("[NOW URGENT]", StringComparison.Ordinal));
            return (escalation, caseMail);
        }

        /// <summary>After the kill: the store holds the escalation and the case as messages still to send, the firing as sent.</summary>
        public async Task AssertEscalationPendingAsync()
        {
            var messages = await ReadAsync(tx => tx.Incidents.ListOpen().SelectMany(i => tx.Outbox.ForIncident(i.Id)).ToList());
            var emails = messages.Where(m => m.Channel == "email").ToList();
            var story = string.Join("; ", emails.Select(m => $"{m.Kind} {m.Status} after {m.Attempts}"));
            Assert.True(emails.Count == 3, "the firing, escalation and case e-mails in the outbox: " + story);
            Assert.True(emails.Single(m => m.Kind == "firing").Status == OutboxStatus.Sent, story);
            Assert.True(emails.Where(m => m.Kind != "firing").All(m => m.Status == OutboxStatus.Pending), story);
        }

        /// <summary>
        /// With the restarted daemon: the outbox drains while the partner still fails and nothing more is sent in six
        /// evaluations; then the partner recovers, the incident resolves, the outbox drains again, and six more
        /// evaluations pass.
        /// </summary>
        public async Task DrainsWhileFailingThenResolvesAsync(Logged daemon)
        {
            await Until(async () => await ReadAsync(tx => tx.Outbox.Count(OutboxStatus.Pending)) == 0, "the outbox drained after the restart");
            await SixEvaluationsAsync("after the restart");
            Assert.False(Smtp.Messages.Any(m => m.Subject!.Contains("RESOLVED", StringComparison.Ordinal)), "resolved while still failing:\n" + Describe(Smtp.Messages));

            _faults.Health = false;
            _faults.Fulfillment = false;
            await Until(async () => await ReadAsync(tx => tx.Incidents.ListOpen().Count == 0 && tx.Outbox.Count(OutboxStatus.Pending) == 0),
                "the incident resolved and its messages sent");
            await SixEvaluationsAsync("after the recovery");
            Assert.False(daemon.Process.HasExited, "the restarted daemon keeps running");
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _partner.DisposeAsync();
            await Smtp.DisposeAsync();
            _dir.Dispose();
        }

        private async Task SixEvaluationsAsync(string when)
        {
            var start = await EvaluationsAsync();
            await Until(async () => await EvaluationsAsync() >= start + 6, "six evaluations " + when);
        }

        private async Task<T> ReadAsync<T>(Func<IStoreTransaction, T> read)
        {
            using var store = SqliteMonitorStore.ForDataDirectory(Data, TimeProvider.System);
            return await store.ReadAsync(read);
        }

        private async Task<double> EvaluationsAsync()
        {
            try
            {
                var text = await _http.GetStringAsync(new Uri("metrics", UriKind.Relative));
                var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("monitor_rule_evaluations_total ", StringComparison.Ordinal));
                return line is null ? 0 : double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return 0;
            }
        }

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
    }

    /// <summary>A daemon process whose output is written to the test's log on dispose (shown when the test fails).</summary>
    private sealed class Logged(DaemonProcess process, string name, ITestOutputHelper output) : IDisposable
    {
        public DaemonProcess Process => process;

        public void Dispose()
        {
            process.Dispose();
            output.WriteLine($"--- {name} daemon ---\n{process.Text}");
        }
    }

    /// <summary>SQLite's write lock held by the test, released (rolled back) on dispose.</summary>
    private sealed class WriteLock(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        public void Dispose()
        {
            transaction.Rollback();
            transaction.Dispose();
            connection.Dispose();
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
