using Monitor.Web.Api;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Incidents;
using Monitor.Probes;
using Monitor.Rules.Alerts;
using Monitor.Tests.Ingest;
using Monitor.Tests.Ingest.Agents;

namespace Monitor.Tests.Agent;

/// <summary>Three agents and a central on loopback; each agent reaches the target through its own port.</summary>
public sealed class AgentQuorumTests : IAsyncLifetime
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private readonly List<AgentTestHost> _agents = [];
    private MultiPortTarget _target = null!;
    private CentralTestHost? _central;

    public async Task InitializeAsync() => _target = await MultiPortTarget.StartAsync(3);

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        if (_central is not null)
        {
            await _central.DisposeAsync();
        }

        await _target.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Quorum_TargetBrokenForOneAgent_NoUrgentAlertAndOneUnreachableFrom()
    {
        await StartAsync(incidents: false);
        _target.Break(0);

        await RoundsAsync(3);

        var transitions = _central!.Sink!.Transitions.ToList();
        Assert.DoesNotContain(transitions, t => t.IsUrgent);
        var firing = Assert.Single(transitions, t => t.Kind == TransitionKind.Firing);
        Assert.Equal(("fulfillment-down", "fulfillment@a", Severity.Major, AlertCategory.None), (firing.Rule, firing.Signal, firing.Severity, firing.Category));
        Assert.StartsWith("unreachable from a:", firing.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quorum_TargetBrokenForTwoAgents_OneUrgentIncidentAndOneCase()
    {
        await StartAsync(incidents: true);
        _target.Break(0);
        _target.Break(1);

        await RoundsAsync(3);

        var store = _central!.Services.GetRequiredService<IIncidentQueries>();
        var incident = Assert.Single(await store.ListAsync());
        Assert.Equal(("fulfillment-down", "fulfillment"), (incident.Rule, incident.Target));
        Assert.True(incident.Urgent);
        var found = Assert.Single(await store.CasesAsync());
        Assert.Equal("urgent", found.Kind);
    }

    [Fact]
    public async Task Quorum_TargetHealthyEverywhere_NoAlert()
    {
        await StartAsync(incidents: false);

        await RoundsAsync(2);

        Assert.DoesNotContain(_central!.Sink!.Transitions, t => t.Kind == TransitionKind.Firing);
        Assert.Equal(2, _central.Board.Agent("c")!.Accepted);
    }

    [Fact]
    public async Task Quorum_CentralsOwnProbeAndOneAgentFail_CountAsTwoLocations()
    {
        await StartAsync(incidents: false);
        _target.Break(0);
        var now = _central!.Time.GetUtcNow();
        var own = new ProbeResult("fulfillment", "http", now, TimeSpan.FromMilliseconds(5), false, "connect", "connection refused");

        foreach (var listener in _central.Services.GetServices<IProbeListener>())
        {
            await listener.CompletedAsync(own, CancellationToken.None);
        }

        await _agents[0].ProbeAsync();
        Assert.True(await _agents[0].FlushAsync());

        var firing = Assert.Single(_central.Sink!.Transitions, t => t.Kind == TransitionKind.Firing);
        Assert.Equal(("fulfillment", true), (firing.Signal, firing.IsUrgent));
        Assert.Contains("(central, a)", firing.Summary, StringComparison.Ordinal);
        Assert.Equal("down", Assert.IsType<ProbeResult>(_central.Board.Last("fulfillment", "central")).Success ? "up" : "down");
    }

    private async Task StartAsync(bool incidents)
    {
        _central = await CentralTestHost.StartAsync(_folder.PathOf("central"), incidents: incidents);
        for (var i = 0; i < CentralTestHost.Agents.Length; i++)
        {
            var location = CentralTestHost.Agents[i];
            var config = AgentTestHost.WriteConfig(_folder.PathOf("agent-" + location), location, _target.Urls[i], [_central.Url]);
            _agents.Add(await AgentTestHost.StartAsync(config, _central.Time));
        }
    }

    /// <summary>Every agent probes and reports, then the clock moves one interval on.</summary>
    private async Task RoundsAsync(int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (var agent in _agents)
            {
                await agent.ProbeAsync();
                Assert.True(await agent.FlushAsync());
            }

            _central!.Time.Advance(Round);
        }

        await _central!.Evaluator.EvaluateAsync(CancellationToken.None);
    }
}
