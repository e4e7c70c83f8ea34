using Monitor.Metrics;
using Prometheus;

namespace Monitor.Ingest.Agents;

/// <summary>The central's metrics about its agents. <c>location</c> takes only configured names (and <c>unknown</c> for unauthenticated requests).</summary>
internal sealed class AgentIngestMetrics
{
    public AgentIngestMetrics(MonitorMetrics metrics)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(metrics.Registry);
        Reports = factory.CreateCounter(MonitorMetrics.Prefix + "agent_reports_received_total", "Agent report requests by location and HTTP status code.", "location", "code");
        Results = factory.CreateCounter(MonitorMetrics.Prefix + "agent_results_total",
            "Agent results by location and outcome: accepted, duplicate, or refused as malformed, unknown-target, future.", "location", "outcome");
        ClockSkew = factory.CreateGauge(MonitorMetrics.Prefix + "agent_clock_skew_seconds",
            "How far the agent's clock was ahead of this daemon's at its last report (negative: behind).", "location");
        LastReport = factory.CreateGauge(MonitorMetrics.Prefix + "agent_last_report_timestamp_seconds", "Unix time of the agent's last accepted report.", "location");
        ReportedDrops = factory.CreateCounter(MonitorMetrics.Prefix + "agent_reported_drops_total", "Results the agent dropped from its full spool, as it reported them.", "location");
        LocationProbeSuccess = factory.CreateGauge(MonitorMetrics.Prefix + "location_probe_success",
            "1 if the last result of the target seen from the location succeeded, else 0 (this daemon's own location included).", "target", "location");
        LocationProbeLastRun = factory.CreateGauge(MonitorMetrics.Prefix + "location_probe_last_run_timestamp_seconds",
            "Unix time the last result of the target seen from the location ended.", "target", "location");
        metrics.TargetForgotten += target =>
        {
            MonitorMetrics.RemoveWhere(LocationProbeSuccess, labels => labels[0] == target);
            MonitorMetrics.RemoveWhere(LocationProbeLastRun, labels => labels[0] == target);
        };
        Gaps = factory.CreateCounter(MonitorMetrics.Prefix + "agent_result_gaps_total",
            "Results missing between the sequence numbers of an agent's results, beyond its reported drops.", "location");
    }

    public Counter Reports { get; }

    /// <summary>1 if the last result of the target from the location succeeded, else 0.</summary>
    public Gauge LocationProbeSuccess { get; }

    /// <summary>Unix time of the last result of the target from the location.</summary>
    public Gauge LocationProbeLastRun { get; }

    public void RecordLocationResult(string location, Probes.ProbeResult result)
    {
        LocationProbeSuccess.WithLabels(result.Target, location).Set(result.Success ? 1 : 0);
        LocationProbeLastRun.WithLabels(result.Target, location).Set((result.StartedAt + result.Duration).ToUnixTimeMilliseconds() / 1000.0);
    }

    public Counter Results { get; }

    public Gauge ClockSkew { get; }

    public Gauge LastReport { get; }

    public Counter ReportedDrops { get; }

    public Counter Gaps { get; }
}
