using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Metrics;
using Monitor.Probes;
using Monitor.Rules.Locations;

namespace Monitor.Ingest.Agents;

/// <summary>
/// This daemon's own probe results as its location's view: on the per-location board always and, once agents are
/// configured, as <c>TARGET@LOCATION</c> (with its certificate and feed figures) for rules with a quorum. Registered before the rules' listener, which
/// evaluates at once.
/// </summary>
internal sealed class OwnLocationListener(AgentsOptions agents, OwnLocation own, AlertEvaluator evaluator, LocationBoard board, AgentIngestMetrics metrics) : IProbeListener
{
    public Task CompletedAsync(ProbeResult result, CancellationToken cancellationToken)
    {
        if (agents.Locations.Count > 0)
        {
            evaluator.Record(result.ToObservation() with { Signal = LocationSignals.Qualify(result.Target, own.Name) });
            ProbeSignals.RecordAtLocation(evaluator, result, own.Name);
        }

        board.Record(own.Name, result);
        metrics.RecordLocationResult(own.Name, result);
        return Task.CompletedTask;
    }
}

/// <summary>The location name of this daemon's own probes (<c>monitor:location</c>).</summary>
internal sealed record OwnLocation(string Name);
