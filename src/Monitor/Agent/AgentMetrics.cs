using Prometheus;

namespace Monitor.Agent;

/// <summary>The agent's own metrics, beside the probe metrics it shares with the daemon; same prefix, bounded labels.</summary>
internal sealed class AgentMetrics
{
    public AgentMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        SpoolResults = factory.CreateGauge(Metrics.MonitorMetrics.Prefix + "agent_spool_results", "Results waiting in the agent's spool for a central.");
        SpoolDropped = factory.CreateCounter(Metrics.MonitorMetrics.Prefix + "agent_spool_dropped_total", "Results dropped because the spool was full (oldest first).");
        Reports = factory.CreateCounter(Metrics.MonitorMetrics.Prefix + "agent_reports_total",
            "Report requests by central (its index in monitor:agent:central) and outcome (ok, refused, unauthorized, unavailable).", "central", "outcome");
        ResultsSent = factory.CreateCounter(Metrics.MonitorMetrics.Prefix + "agent_results_sent_total", "Results a central accepted.");
        ResultsRefused = factory.CreateCounter(Metrics.MonitorMetrics.Prefix + "agent_results_refused_total",
            "Results a central refused for good, by reason (unknown-target, malformed, future); they leave the spool.", "reason");
        LastReport = factory.CreateGauge(Metrics.MonitorMetrics.Prefix + "agent_last_report_timestamp_seconds", "Unix time of the last report a central accepted.");
        CentralClockSkew = factory.CreateGauge(Metrics.MonitorMetrics.Prefix + "agent_central_clock_skew_seconds",
            "How far this agent's clock was ahead of the central's at the last report (negative: behind).");
    }

    public Gauge SpoolResults { get; }

    public Counter SpoolDropped { get; }

    public Counter Reports { get; }

    public Counter ResultsSent { get; }

    public Counter ResultsRefused { get; }

    public Gauge LastReport { get; }

    public Gauge CentralClockSkew { get; }
}
