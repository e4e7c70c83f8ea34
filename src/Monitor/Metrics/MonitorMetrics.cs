using Monitor.Probes;
using Monitor.Rules.Alerts;
using Prometheus;

namespace Monitor.Metrics;

/// <summary>
/// Every metric the daemon exports, in one place with one prefix. Labels are bounded: target, kind,
/// reason, rule, severity, category, channel, outcome. Never restaurant ids or URLs.
/// </summary>
internal sealed class MonitorMetrics
{
    public const string Prefix = "monitor_";

    public MonitorMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        BuildInfo = factory.CreateGauge(Prefix + "build_info", "Build information; always 1.", "version");
        ProbeSuccess = factory.CreateGauge(Prefix + "probe_success", "1 if the last run of the target succeeded, else 0.", "target", "kind");
        ProbeDuration = factory.CreateHistogram(Prefix + "probe_duration_seconds", "Duration of probe runs, retries included.",
            new HistogramConfiguration
            {
                LabelNames = ["target", "kind"],
                Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
            });
        ProbeRuns = factory.CreateCounter(Prefix + "probe_runs_total", "Probe runs by result.", "target", "kind", "result");
        ProbeFailures = factory.CreateCounter(Prefix + "probe_failures_total", "Failed probe runs by named reason.", "target", "kind", "reason");
        ProbeLastRun = factory.CreateGauge(Prefix + "probe_last_run_timestamp_seconds", "Unix time of the last probe run.", "target", "kind");
        Observations = factory.CreateCounter(Prefix + "observations_total", "Observations recorded into the rules, by signal and outcome.", "signal", "outcome");
        AlertState = factory.CreateGauge(Prefix + "alert_state", "Alert state per rule: 0 inactive, 1 pending, 2 firing.", "rule", "severity", "category");
        AlertTransitions = factory.CreateCounter(Prefix + "alert_transitions_total", "Alert transitions by rule and kind.", "rule", "kind");
        RuleValue = factory.CreateGauge(Prefix + "rule_value", "The value each rule compared with its threshold at the last evaluation.", "rule");
        Evaluations = factory.CreateCounter(Prefix + "rule_evaluations_total", "Rule evaluation rounds.");
        Notifications = factory.CreateCounter(Prefix + "notifications_total", "Notifications by channel and outcome.", "channel", "outcome");
        BuildInfo.WithLabels(Cli.VersionCommand.Version).Set(1);
    }

    public CollectorRegistry Registry { get; }

    public Gauge BuildInfo { get; }

    public Gauge ProbeSuccess { get; }

    public Histogram ProbeDuration { get; }

    public Counter ProbeRuns { get; }

    public Counter ProbeFailures { get; }

    public Gauge ProbeLastRun { get; }

    public Counter Observations { get; }

    public Gauge AlertState { get; }

    public Counter AlertTransitions { get; }

    public Gauge RuleValue { get; }

    public Counter Evaluations { get; }

    public Counter Notifications { get; }

    public void RecordProbe(ProbeResult result)
    {
        ProbeSuccess.WithLabels(result.Target, result.Kind).Set(result.Success ? 1 : 0);
        ProbeDuration.WithLabels(result.Target, result.Kind).Observe(result.Duration.TotalSeconds);
        ProbeRuns.WithLabels(result.Target, result.Kind, result.Success ? "success" : "failure").Inc();
        ProbeLastRun.WithLabels(result.Target, result.Kind).Set((result.StartedAt + result.Duration).ToUnixTimeMilliseconds() / 1000.0);
        if (!result.Success)
        {
            ProbeFailures.WithLabels(result.Target, result.Kind, result.Reason ?? "unknown").Inc();
        }
    }

    public void RecordTransition(AlertTransition transition, AlertState state)
    {
        AlertTransitions.WithLabels(transition.Rule, transition.Kind.ToString().ToLowerInvariant()).Inc();
        AlertState.WithLabels(transition.Rule, transition.Severity.ToName(), transition.Category.ToName()).Set((int)state);
    }
}
