using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Ingest.Agents;
using Monitor.Storage;
using Monitor.Tests.Ingest;
using Monitor.Tests.Ingest.Agents;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Agent;

/// <summary>
/// Two centrals on one PostgreSQL database, active and standby under the daemon lock, a real SMTP server, and one
/// agent that knows both. The active stops; the agent spools, fails over to the standby once it has started, and
/// nothing is counted or sent twice.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AgentFailoverTests(SharedPostgres postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(30);
    private const string Quorum = "      minLocations: 1";

    private readonly TempFolder _folder = new();
    private MultiPortTarget _target = null!;

    public async Task InitializeAsync() => _target = await MultiPortTarget.StartAsync(1);

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        _folder.Dispose();
    }

    [PostgresFact]
    public async Task Flush_ActiveCentralStops_StandbyTakesTheSpoolInOrderAndNothingIsCountedOrSentTwice()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var smtp = new SmtpTestServer();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var standbyPort = FreePort.Next();
        var active = await CentralTestHost.StartAsync(_folder.PathOf("central-a"), incidents: true, time: time, rule: Quorum, postgres: database, smtpPort: smtp.Port);
        try
        {
            // The standby is refused while the active holds the lock (its service manager would start it again later).
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartStandbyAsync(standbyPort, time, database, smtp));
            Assert.StartsWith("another monitor daemon is running on postgres://", refused.Message, StringComparison.Ordinal);

            var agentFolder = _folder.PathOf("agent");
            var config = AgentTestHost.WriteConfig(agentFolder, "a", _target.Urls[0], [active.Url, $"http://127.0.0.1:{standbyPort}"]);
            var spoolFolder = Path.Combine(agentFolder, "data", "agent-spool");
            _target.Break(0);
            await using (var agent = await AgentTestHost.StartAsync(config, time))
            {
                for (var round = 0; round < 3; round++)
                {
                    await agent.ProbeAsync();
                    Assert.True(await agent.FlushAsync());
                    time.Advance(Round);
                }

                await active.Evaluator.EvaluateAsync(CancellationToken.None);
                var firing = await smtp.WaitForAsync(IsFiring, Patience);
                Assert.Equal("[URGENT FIRING] [critical] [integration-down] monitor: fulfillment-down on fulfillment", firing.Subject);

                // The fourth result's answer is lost: the agent stops before it forgets the result, so it sends it again.
                await agent.ProbeAsync();
                var unanswered = Directory.GetFiles(spoolFolder, "*.result").ToDictionary(f => f, File.ReadAllBytes);
                Assert.True(await agent.FlushAsync());
                foreach (var (path, bytes) in unanswered)
                {
                    File.WriteAllBytes(path, bytes);
                }
            }

            await active.DisposeAsync();
            active = null;

            // Neither central answers for a while: the results wait in the agent's spool.
            await using var restarted = await AgentTestHost.StartAsync(config, time);
            Assert.Equal(1, restarted.Spool.Count);
            for (var round = 0; round < 3; round++)
            {
                time.Advance(TimeSpan.FromSeconds(10));
                await restarted.ProbeAsync();
                Assert.False(await restarted.FlushAsync());
            }

            Assert.Equal(4, restarted.Spool.Count);
            var newest = time.GetUtcNow();
            await using var standby = await StartStandbyAsync(standbyPort, time, database, smtp);
            Assert.True(await restarted.FlushAsync());

            Assert.Equal(1, restarted.Reporter.Current);
            Assert.Equal(0, restarted.Spool.Count);
            var state = standby.Board.Agent("a")!;
            var metrics = standby.Services.GetRequiredService<AgentIngestMetrics>();
            Assert.Equal((3L, 0L, 0L), (state.Accepted, state.Gaps, state.Refused));
            Assert.Equal(1, metrics.Results.WithLabels("a", "duplicate").Value);
            Assert.Equal(newest, standby.Board.Last("fulfillment", "a")!.StartedAt);

            // The standby carries on with the rules' state and the incident: still firing, so no second e-mail; then resolved.
            await standby.Evaluator.EvaluateAsync(CancellationToken.None);
            _target.Heal(0);
            for (var round = 0; round < 3; round++)
            {
                time.Advance(Round);
                await restarted.ProbeAsync();
                Assert.True(await restarted.FlushAsync());
            }

            await standby.Evaluator.EvaluateAsync(CancellationToken.None);
            await smtp.WaitForAsync(m => m.Subject?.StartsWith("[RESOLVED]", StringComparison.Ordinal) == true, Patience);
            var store = standby.Services.GetRequiredService<IMonitorStore>();
            // Every message delivered (the case's and the technical contacts' may follow the resolved one), then count.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (await store.ReadAsync(tx => tx.Outbox.Count(OutboxStatus.Pending)) > 0)
            {
                Assert.True(clock.Elapsed < Patience, "timed out waiting for the outbox to empty");
                await Task.Delay(50);
            }

            Assert.Single(smtp.Messages, IsFiring);
            Assert.Single(smtp.Messages, m => m.Subject?.StartsWith("[RESOLVED]", StringComparison.Ordinal) == true);
        }
        finally
        {
            if (active is not null)
            {
                await active.DisposeAsync();
            }
        }
    }

    private Task<CentralTestHost> StartStandbyAsync(int port, FakeTimeProvider time, string database, SmtpTestServer smtp) =>
        CentralTestHost.StartAsync(_folder.PathOf("central-b"), port: port, incidents: true, time: time, rule: Quorum, postgres: database, smtpPort: smtp.Port);

    private static bool IsFiring(MimeKit.MimeMessage m) => m.Subject?.Contains("FIRING", StringComparison.Ordinal) == true;
}
