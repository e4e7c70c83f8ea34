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
        Gaps = factory.CreateCounter(MonitorMetrics.Prefix + "agent_result_gaps_total",
            "Results missing between the sequence numbers of an agent's results, beyond its reported drops.", "location");
    }

    public Counter Reports { get; }

    public Counter Results { get; }

    public Gauge ClockSkew { get; }

    public Gauge LastReport { get; }

    public Counter ReportedDrops { get; }

    public Counter Gaps { get; }
}
