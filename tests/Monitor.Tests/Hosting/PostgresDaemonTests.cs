using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Demo;
using Monitor.Hosting;
using Monitor.Incidents;
using Monitor.Metrics;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Hosting;

/// <summary>
/// The whole daemon (Kestrel, Quartz, the simulated partner, a real SMTP server) keeping its state in a real
/// PostgreSQL: an alert becomes one e-mail, a restart on the same database does not send it again, and a
/// database outage delays the e-mail without losing it or stopping the daemon.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDaemonTests(SharedPostgres postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task Run_OnPostgres_FiresOnce_AndARestartOnTheSameDatabaseDoesNotFireAgain()
    {
        using var dir = new TempDirectory();
        await using var smtp = new SmtpTestServer();
        await using var partner = await SimulatedPartner.StartAsync(TimeProvider.System, TimeSpan.MaxValue / 4, TimeSpan.Zero);
        partner.ForceFailure = true;
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        var config = Config(dir, smtp, partner, connectionString, out var webPort);

        await using (var first = MonitorHost.Build(config))
        {
            await first.StartAsync();
            var firing = await smtp.WaitForAsync(IsFiring, Patience);
            Assert.Equal("[URGENT FIRING] [critical] [orders-blocked] acme: checkout-errors on checkout", firing.Subject);
            await first.StopAsync();
        }

        Assert.False(File.Exists(Path.Combine(dir.Path, "data", "monitor.db")), "the PostgreSQL daemon must not create a SQLite file");

        // The same daemon again, the partner still failing: the restored rule state is still firing, so no second firing e-mail.
        await using var second = MonitorHost.Build(config);
        await second.StartAsync();
        try
        {
            var metrics = second.Services.GetRequiredService<MonitorMetrics>();
            var evaluations = metrics.Evaluations.Value;
            await Until(() => metrics.Evaluations.Value >= evaluations + 6, "six evaluations after the restart");
            Assert.Single(smtp.Messages, m => IsFiring(m));

            partner.ForceFailure = false;
            var resolved = await smtp.WaitForAsync(m => m.Subject?.Contains("RESOLVED", StringComparison.Ordinal) == true, Patience);
            Assert.Equal("[RESOLVED] [critical] [orders-blocked] acme: checkout-errors on checkout", resolved.Subject);
            Assert.Equal(2, smtp.Messages.Count);
        }
        finally
        {
            await second.StopAsync();
        }
    }

    [PostgresFact]
    public async Task Run_SecondDaemonOnTheSameDatabase_RefusesToStart_ThenTakesOverWithoutSendingAgain()
    {
        using var dir = new TempDirectory();
        await using var smtp = new SmtpTestServer();
        await using var partner = await SimulatedPartner.StartAsync(TimeProvider.System, TimeSpan.MaxValue / 4, TimeSpan.Zero);
        partner.ForceFailure = true;
        var connectionString = await postgres.Server.CreateDatabaseAsync();

        await using var first = MonitorHost.Build(Config(dir, smtp, partner, connectionString, out _));
        await first.StartAsync();
        await smtp.WaitForAsync(IsFiring, Patience);
        var second = MonitorHost.Build(Config(dir, smtp, partner, connectionString, out _));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync());
        await second.DisposeAsync();
        Assert.Matches(@"^another monitor daemon is running on postgres://127\.0\.0\.1:\d+/\w+ .*run one daemon per database$", refused.Message);

        // The first daemon goes away; the standby (restarted by its service manager) now starts, with the rules'
        // state and the incident from the database: the alert is still firing, so nothing is sent again.
        await first.StopAsync();
        await using var standby = MonitorHost.Build(Config(dir, smtp, partner, connectionString, out _));
        await standby.StartAsync();
        try
        {
            var metrics = standby.Services.GetRequiredService<MonitorMetrics>();
            var evaluations = metrics.Evaluations.Value;
            await Until(() => metrics.Evaluations.Value >= evaluations + 6, "six evaluations on the standby");
            Assert.Single(smtp.Messages, m => IsFiring(m));

            partner.ForceFailure = false;
            await smtp.WaitForAsync(m => m.Subject?.Contains("RESOLVED", StringComparison.Ordinal) == true, Patience);
            Assert.Equal(2, smtp.Messages.Count);
        }
        finally
        {
            await standby.StopAsync();
        }
    }

    [PostgresFact]
    public async Task Run_LockTakenByAnotherDaemonWhileDisconnected_FirstDaemonStops()
    {
        using var dir = new TempDirectory();
        await using var smtp = new SmtpTestServer();
        await using var partner = await SimulatedPartner.StartAsync(TimeProvider.System, TimeSpan.MaxValue / 4, TimeSpan.Zero);
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var first = MonitorHost.Build(Config(dir, smtp, partner, connectionString, out _));
        await first.StartAsync();
        var stopping = new TaskCompletionSource();
        first.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

        // The first daemon's lock session is cut (as by a network break), and a second daemon starts meanwhile.
        await using (var admin = new Npgsql.NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var cut = new Npgsql.NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'monitor daemon lock'", admin);
            Assert.Equal(1L, await cut.ExecuteScalarAsync());
        }

        await using var second = MonitorHost.Build(Config(dir, smtp, partner, connectionString, out _));
        await second.StartAsync();

        // Within one check interval (5 s) the first daemon finds its lock gone and held by the other, and stops.
        await stopping.Task.WaitAsync(Patience);
        await first.StopAsync();
        await second.StopAsync();
    }

    [PostgresFact]
    public async Task Run_PostgresStopsWhileAnAlertFires_KeepsServing_AndDeliversOnceTheServerIsBack()
    {
        await using var server = await PostgresServer.StartNewAsync();
        using var dir = new TempDirectory();
        await using var smtp = new SmtpTestServer();
        await using var partner = await SimulatedPartner.StartAsync(TimeProvider.System, TimeSpan.MaxValue / 4, TimeSpan.Zero);
        var config = Config(dir, smtp, partner, await server.CreateDatabaseAsync(), out var webPort);

        await using var app = MonitorHost.Build(config);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}"), Timeout = TimeSpan.FromSeconds(10) };
            var manager = app.Services.GetRequiredService<AlertIntake>();
            var metrics = app.Services.GetRequiredService<MonitorMetrics>();
            var evaluations = metrics.Evaluations.Value;
            await Until(() => metrics.Evaluations.Value >= evaluations + 2, "the daemon evaluating rules on PostgreSQL");

            await server.StopAsync();
            partner.ForceFailure = true;
            await Until(() => manager.PendingTransitions > 0, "the firing transition held while the database is down");
            Assert.Equal("ok\n", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
            using (var down = await http.GetAsync(new Uri("/readyz", UriKind.Relative)))
            {
                Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, down.StatusCode);
                var reason = await down.Content.ReadAsStringAsync();
                Assert.Matches(@"^not ready: store postgres://127\.0\.0\.1:\d+/\w+ (unavailable|did not answer within 2 s)", reason);
            }

            Assert.Empty(smtp.Messages);

            await server.StartAsync();
            var firing = await smtp.WaitForAsync(IsFiring, Patience);
            Assert.Equal("[URGENT FIRING] [critical] [orders-blocked] acme: checkout-errors on checkout", firing.Subject);
            Assert.Equal(0, manager.PendingTransitions);
            Assert.Equal("ok\n", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
            Assert.Equal("ready\n", await http.GetStringAsync(new Uri("/readyz", UriKind.Relative)));
            Assert.Single(smtp.Messages, m => IsFiring(m));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [PostgresFact]
    public async Task Run_KilledWhileAlertWaitsForPostgres_SpooledTransitionIsDeliveredOnceAfterRestart()
    {
        await using var server = await PostgresServer.StartNewAsync();
        using var dir = new TempDirectory();
        await using var smtp = new SmtpTestServer();
        await using var partner = await SimulatedPartner.StartAsync(TimeProvider.System, TimeSpan.MaxValue / 4, TimeSpan.Zero);
        var config = Config(dir, smtp, partner, await server.CreateDatabaseAsync(), out var webPort);
        var spool = Path.Combine(dir.Path, "data", "spool", "transitions.jsonl");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}"), Timeout = TimeSpan.FromSeconds(5) };

        using (var first = DaemonProcess.Start(dir.Path, "run", "--config", config.ConfigPath))
        {
            await Until(() => Ready(http), "the first daemon ready on PostgreSQL");
            await server.StopAsync();
            partner.ForceFailure = true;
            await Until(() => File.Exists(spool) && File.ReadAllText(spool).Contains("\"kind\":\"Firing\"", StringComparison.Ordinal),
                "the firing transition spooled while the database is down");

            // kill -9: no graceful stop, nothing drained or flushed.
            await first.SignalAsync("KILL");
            Assert.Equal(137, await first.WaitForExitAsync());
        }

        Assert.Empty(smtp.Messages);
        var spooled = File.ReadAllLines(spool);
        Assert.Contains(spooled, l => l.Contains("\"rule\":\"checkout-errors\"", StringComparison.Ordinal));

        // The partner recovers while the daemon is down, so the rules do not fire again after the restart: the
        // only way to the firing e-mail is the spooled transition.
        partner.ForceFailure = false;
        await server.StartAsync();
        using var second = DaemonProcess.Start(dir.Path, "run", "--config", config.ConfigPath);
        var firing = await smtp.WaitForAsync(IsFiring, Patience);
        Assert.Equal("[URGENT FIRING] [critical] [orders-blocked] acme: checkout-errors on checkout", firing.Subject);
        await Until(() => !File.Exists(spool), "the spool removed once written");
        var evaluations = await Evaluations(http);
        await Until(() => Evaluations(http).GetAwaiter().GetResult() >= evaluations + 6, "six evaluations after the delivery");
        Assert.Single(smtp.Messages, m => IsFiring(m));
        Assert.False(second.HasExited, "the restarted daemon keeps running:\n" + second.Text);
    }

    private static bool Ready(HttpClient http)
    {
        try
        {
            return http.GetStringAsync(new Uri("/readyz", UriKind.Relative)).GetAwaiter().GetResult() == "ready\n";
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<double> Evaluations(HttpClient http)
    {
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = text.Split('\n').First(l => l.StartsWith("monitor_rule_evaluations_total ", StringComparison.Ordinal));
        return double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static bool IsFiring(MimeKit.MimeMessage m) => m.Subject?.Contains("FIRING", StringComparison.Ordinal) == true;

    private static LoadedConfig Config(TempDirectory dir, SmtpTestServer smtp, SimulatedPartner partner, string connectionString, out int webPort)
    {
        webPort = FreePort.Next();
        var path = dir.Write("monitor.yaml", string.Create(CultureInfo.InvariantCulture, $"""
            monitor:
              project: acme
              dataDirectory: "{dir.Path}/data"
              storage: {"{"} provider: postgres, connectionString: "{connectionString}" {"}"}
              web: {"{"} listen: "http://127.0.0.1:{webPort}" {"}"}
              smtp: {"{"} host: 127.0.0.1, port: {smtp.Port}, security: none, from: monitor@acme.example {"}"}
              contacts: {"{"} emergency: [oncall@acme.example], technical: [dev@acme.example] {"}"}
              evaluation: {"{"} interval: 500ms {"}"}
              incidents: {"{"} tickInterval: 500ms {"}"}
              delivery: {"{"} pollInterval: 500ms {"}"}
              targets:
                http:
                  - {"{"} name: checkout, url: "{partner.BaseUrl}fulfillment", method: POST, body: '{"{"}"inputs":[]{"}"}', interval: 1s, timeout: 2s {"}"}
              rules:
                - {"{"} name: checkout-errors, signal: checkout, window: 5s, threshold: 0.5, minSamples: 2, minErrors: 2, severity: critical, category: orders-blocked {"}"}
            """));
        return ConfigLoader.Load(path);
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Patience, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
