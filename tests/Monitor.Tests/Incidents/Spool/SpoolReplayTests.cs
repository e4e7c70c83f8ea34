using Monitor.Web.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Incidents.Spool;
using Monitor.Metrics;
using Monitor.Rules.Alerts;
using static Monitor.Tests.Incidents.IncidentHarness;

namespace Monitor.Tests.Incidents.Spool;

/// <summary>A spooled transition replayed at start after the store had in fact taken it (the crash came between the write and the spool's removal).</summary>
public sealed class SpoolReplayTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TickAsync_SpooledFiringTheStoreHadTaken_JoinsTheOpenIncident_AndSendsNoSecondEmail()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        var options = Options_(NewDataDirectory());
        var firing = Transition(TransitionKind.Firing, Start);
        await using (var first = Create(options, time, mail))
        {
            await first.Intake.HandleAsync([firing], default);
            await first.Worker.DeliverDueAsync(default);
            Assert.False(Directory.Exists(Path.Combine(options.DataDirectory, "spool")), "a transition the store took at once never goes to disk");
            await first.KillAsync();
        }

        var spool = new TransitionSpool(Path.Combine(options.DataDirectory, "spool"), 10, new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()),
            NullLogger<TransitionSpool>.Instance);
        spool.Append([firing]);
        time.Advance(TimeSpan.FromSeconds(30));

        await using var second = Create(options, time, mail);
        await second.Ticker.TickAsync();
        await second.Worker.DeliverDueAsync(default);

        Assert.Single(await second.Incidents.ListAsync());
        Assert.Single(mail.Messages, m => m.Subject?.Contains("FIRING", StringComparison.Ordinal) == true && m.To.ToString().Contains("oncall", StringComparison.Ordinal));
        Assert.Equal(0, second.Intake.PendingTransitions);
        Assert.False(File.Exists(spool.FilePath), "the spool is removed once all it held is written");
    }

    [Fact]
    public async Task TickAsync_SpooledFiringAndResolvedFromAnOutage_WritesThemInOrder_AndSendsEachOnce()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        var options = Options_(NewDataDirectory());
        var spool = new TransitionSpool(Path.Combine(options.DataDirectory, "spool"), 10, new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()),
            NullLogger<TransitionSpool>.Instance);
        spool.Append([Transition(TransitionKind.Firing, Start), Transition(TransitionKind.Resolved, Start.AddMinutes(3))]);
        time.Advance(TimeSpan.FromMinutes(5));

        await using var h = Create(options, time, mail);
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "feed-stale", signal: "feed")], default);
        await h.Worker.DeliverDueAsync(default);

        var incidents = (await h.Incidents.ListAsync()).OrderBy(i => i.Number).ToList();
        Assert.Equal(2, incidents.Count);
        Assert.Equal("checkout-errors", incidents[0].Rule);
        Assert.Equal("resolved", incidents[0].Status);
        Assert.Equal("feed-stale", incidents[1].Rule);
        var oncall = mail.Messages.Where(m => m.To.ToString().Contains("oncall", StringComparison.Ordinal)).Select(m => m.Subject ?? "").ToList();
        Assert.Equal(
            ["[RESOLVED] [critical] [orders-blocked] acme: checkout-errors on checkout",
             "[URGENT FIRING] [critical] [orders-blocked] acme: checkout-errors on checkout",
             "[URGENT FIRING] [critical] [orders-blocked] acme: feed-stale on feed"],
            oncall.Order(StringComparer.Ordinal));
        Assert.False(File.Exists(spool.FilePath));
    }

    [Fact]
    public async Task TickAsync_InACommandLineTool_LeavesTheDaemonsSpoolAlone()
    {
        var options = Options_(NewDataDirectory());
        var spool = new TransitionSpool(Path.Combine(options.DataDirectory, "spool"), 10, new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()),
            NullLogger<TransitionSpool>.Instance);
        spool.Append([Transition(TransitionKind.Firing, Start)]);

        await using (var tool = Monitor.Cli.IncidentCli.Build(options))
        {
            await tool.GetRequiredService<Monitor.Incidents.IncidentTicker>().TickAsync();
            Assert.Empty(await tool.GetRequiredService<Monitor.Web.Api.IIncidentQueries>().ListAsync());
        }

        Assert.Single(spool.Load());
    }
}
