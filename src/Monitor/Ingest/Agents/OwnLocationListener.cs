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
internal sealed class OwnLocationListener(MonitorOptions options, AlertEvaluator evaluator, LocationBoard board, AgentIngestMetrics metrics) : IProbeListener
{
    public Task CompletedAsync(ProbeResult result, CancellationToken cancellationToken)
    {
        if (options.Agents.Locations.Count > 0)
        {
            evaluator.Record(result.ToObservation() with { Signal = LocationSignals.Qualify(result.Target, options.Location) });
            ProbeSignals.RecordAtLocation(evaluator, result, options.Location);
        }

        board.Record(options.Location, result);
        metrics.RecordLocationResult(options.Location, result);
        return Task.CompletedTask;
    }
}
