using Monitor.Probes;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;
using Prometheus;

namespace Monitor.Metrics;

/// <summary>
/// Every metric the daemon exports, in one place with one prefix. Labels are bounded: target, kind,
/// type, reason, signal, rule, window, severity, category, state, action, channel, outcome. Never
/// restaurant ids or URLs. Names follow Prometheus conventions: counters end in <c>_total</c>,
/// durations are <c>_seconds</c>, sizes <c>_bytes</c>, points in time <c>_timestamp_seconds</c>.
/// </summary>
internal sealed class MonitorMetrics
{
    public const string Prefix = "monitor_";

    // Gauge children per (rule, series), so that setting them after every evaluation does not look up labels again.
    private readonly Dictionary<(string Rule, string Signal), (Gauge.Child Value, Gauge.Child Threshold)> _ruleChildren = [];

    /// <summary>
    /// The metrics of a long-running process: the daemon's own, and the client library's process figures
    /// (<c>process_cpu_seconds_total</c>, <c>process_working_set_bytes</c>, <c>process_open_handles</c>,
    /// <c>dotnet_total_memory_bytes</c>, <c>dotnet_collection_count_total</c>...), read at each scrape.
    /// </summary>
    public static MonitorMetrics ForProcess()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(registry);
        return new MonitorMetrics(registry);
    }

    public MonitorMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        BuildInfo = factory.CreateGauge(Prefix + "build_info", "Build information; always 1.", "version");

        // Probes.
        ProbeSuccess = factory.CreateGauge(Prefix + "probe_success", "1 if the last run of the target succeeded, else 0.", "target", "kind");
        ProbeDuration = factory.CreateHistogram(Prefix + "probe_duration_seconds", "Duration of probe runs, retries included.",
            new HistogramConfiguration
            {
                LabelNames = ["target", "kind"],
                Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
            });
        ProbeRuns = factory.CreateCounter(Prefix + "probe_runs_total", "Probe runs by result.", "target", "kind", "result");
        ProbeFailures = factory.CreateCounter(Prefix + "probe_failures_total", "Failed probe runs by named reason.", "target", "kind", "reason");
        ProbeRetries = factory.CreateCounter(Prefix + "probe_retries_total", "Extra attempts made by probe runs (attempts beyond the first).", "target", "kind");
        ProbeLastRun = factory.CreateGauge(Prefix + "probe_last_run_timestamp_seconds", "Unix time of the last probe run.", "target", "kind");
        ProbePhase = factory.CreateGauge(Prefix + "probe_phase_seconds", "Time the last run spent in one phase of the request (dns, connect).", "target", "phase");
        TlsCertExpiry = factory.CreateGauge(Prefix + "tls_cert_expiry_timestamp_seconds",
            "Unix time at which the first certificate of the target's chain expires, as seen by the last probe.", "target");

        // Feeds (set by the feed probe after each validation).
        FeedLastModified = factory.CreateGauge(Prefix + "feed_last_modified_timestamp_seconds",
            "Unix time the feed was last published (marker, Last-Modified or file time); age is time() minus this.", "target");
        FeedEntities = factory.CreateGauge(Prefix + "feed_entities", "Entities in the last validated feed, by entity type.", "target", "type");
        FeedInvalidEntities = factory.CreateGauge(Prefix + "feed_invalid_entities", "Entities of the last validated feed that failed validation, by entity type.", "target", "type");
        FeedStaleEntityRatio = factory.CreateGauge(Prefix + "feed_stale_entity_ratio",
            "Share (0 to 1) of entities in the last feed whose dateModified is older than 3 days.", "target");
        FeedBytes = factory.CreateGauge(Prefix + "feed_bytes", "Size of the last validated feed.", "target");
        FeedRestaurantsDropped = factory.CreateGauge(Prefix + "feed_restaurants_dropped",
            "Restaurants present in the previous validated feed and missing from the last one.", "target");
        FeedValidationDuration = factory.CreateHistogram(Prefix + "feed_validation_duration_seconds", "Time spent reading and validating a feed.",
            new HistogramConfiguration
            {
                LabelNames = ["target"],
                Buckets = [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600],
            });

        // Ingested real traffic.
        IngestLines = factory.CreateCounter(Prefix + "ingest_lines_total", "Ingested outcome lines accepted, by action signal and outcome (success, failure).", "action", "outcome");
        IngestRejectedLines = factory.CreateCounter(Prefix + "ingest_rejected_lines_total", "Ingested lines refused, by reason.", "reason");
        IngestRequests = factory.CreateCounter(Prefix + "ingest_requests_total", "Observation ingest requests by HTTP status code.", "code");
        IngestTailLostBytes = factory.CreateCounter(Prefix + "ingest_tail_lost_bytes_total",
            "Bytes of followed log files lost to copy-truncate rotation (written between the copy and the truncation), as far as the file sizes show.");
        IngestQueued = factory.CreateGauge(Prefix + "ingest_queued_observations", "Observations accepted and waiting to be recorded into the rules.");

        // Rules and alerts.
        Observations = factory.CreateCounter(Prefix + "observations_total", "Observations recorded into the rules, by signal and outcome.", "signal", "outcome");
        AlertState = factory.CreateGauge(Prefix + "alert_state", "Alert state per rule: 0 inactive, 1 pending, 2 firing.", "rule", "severity", "category");
        AlertTransitions = factory.CreateCounter(Prefix + "alert_transitions_total", "Alert transitions by rule and kind.", "rule", "kind");
        RuleValue = factory.CreateGauge(Prefix + "rule_value",
            "The value each rule compared with its threshold at the last evaluation, per series; NaN while there is nothing to judge.", "rule", "signal");
        RuleThreshold = factory.CreateGauge(Prefix + "rule_threshold", "The threshold each rule compares its value with, per series.", "rule", "signal");
        RuleBurnRate = factory.CreateGauge(Prefix + "rule_burn_rate",
            "Error-budget burn rate of a burn-rate rule over one of its windows at the last evaluation (1 spends the budget exactly); NaN for an empty window.",
            "rule", "signal", "window");
        Evaluations = factory.CreateCounter(Prefix + "rule_evaluations_total", "Rule evaluation rounds.");

        // Incidents, delivery, maintenance.
        Incidents = factory.CreateGauge(Prefix + "incidents", "Incidents by state (open, acknowledged), severity and category.", "state", "severity", "category");
        Notifications = factory.CreateCounter(Prefix + "notifications_total", "Notifications by channel and outcome.", "channel", "outcome");
        Cases = factory.CreateCounter(Prefix + "cases_total", "Support cases by channel and outcome.", "channel", "outcome");
        OutboxDepth = factory.CreateGauge(Prefix + "outbox_depth", "Messages waiting in the outbox.",
            new GaugeConfiguration { SuppressInitialValue = true });
        OutboxOldestAge = factory.CreateGauge(Prefix + "outbox_oldest_age_seconds", "Age of the oldest message waiting in the outbox; 0 when it is empty.",
            new GaugeConfiguration { SuppressInitialValue = true });
        MaintenanceActive = factory.CreateGauge(Prefix + "maintenance_active", "1 while a maintenance window is active (notifications held), else 0.");
        SpoolOverflow = factory.CreateCounter(Prefix + "spool_overflow_transitions_total",
            "Alert transitions held for an unreachable store that did not fit in the bounded disk spool (kept in memory only).");

        // Configuration reloads (the names Prometheus itself uses for its own).
        ConfigLastReloadSuccessful = factory.CreateGauge(Prefix + "config_last_reload_successful",
            "1 if the last configuration reload (or the start) succeeded, 0 if the last reload was refused.");
        ConfigLastReloadSuccessTimestamp = factory.CreateGauge(Prefix + "config_last_reload_success_timestamp_seconds",
            "Unix time of the last successful configuration reload, or of the start.");

        BuildInfo.WithLabels(BuildVersion.Value).Set(1);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Per-signal minute history for the status page; fed by <see cref="RecordObservation"/>.</summary>
    public SignalHistory History { get; } = new();

    /// <summary>The last probe result per target and the last transition per rule, for the status page.</summary>
    public RecentActivity Recent { get; } = new();

    public Gauge BuildInfo { get; }

    public Gauge ProbeSuccess { get; }

    public Histogram ProbeDuration { get; }

    public Counter ProbeRuns { get; }

    public Counter ProbeFailures { get; }

    public Counter ProbeRetries { get; }

    public Gauge ProbeLastRun { get; }

    public Gauge ProbePhase { get; }

    public Gauge TlsCertExpiry { get; }

    public Gauge FeedLastModified { get; }

    public Gauge FeedEntities { get; }

    public Gauge FeedInvalidEntities { get; }

    public Gauge FeedStaleEntityRatio { get; }

    public Gauge FeedBytes { get; }

    public Gauge FeedRestaurantsDropped { get; }

    public Histogram FeedValidationDuration { get; }

    public Counter IngestLines { get; }

    public Counter IngestRejectedLines { get; }

    public Counter IngestRequests { get; }

    public Gauge IngestQueued { get; }

    public Counter IngestTailLostBytes { get; }

    public Counter Observations { get; }

    public Gauge AlertState { get; }

    public Counter AlertTransitions { get; }

    public Gauge RuleValue { get; }

    public Gauge RuleThreshold { get; }

    public Gauge RuleBurnRate { get; }

    public Counter Evaluations { get; }

    public Gauge Incidents { get; }

    public Counter Notifications { get; }

    public Counter Cases { get; }

    public Gauge OutboxDepth { get; }

    public Gauge OutboxOldestAge { get; }

    public Gauge MaintenanceActive { get; }

    public Counter SpoolOverflow { get; }

    public Gauge ConfigLastReloadSuccessful { get; }

    public Gauge ConfigLastReloadSuccessTimestamp { get; }

    /// <summary>Removes every series of a rule that a reload removed; call between evaluations.</summary>
    public void ForgetRule(string rule)
    {
        foreach (var gauge in new[] { AlertState, RuleValue, RuleThreshold, RuleBurnRate })
        {
            RemoveWhere(gauge, labels => labels[0] == rule);
        }

        foreach (var key in _ruleChildren.Keys.Where(k => k.Rule == rule).ToList())
        {
            _ruleChildren.Remove(key);
        }
    }

    /// <summary>Removes the per-target probe series of a target that a reload removed.</summary>
    public void ForgetTarget(string target)
    {
        RemoveWhere(ProbeSuccess, labels => labels[0] == target);
        RemoveWhere(ProbeDuration, labels => labels[0] == target);
        RemoveWhere(ProbeRuns, labels => labels[0] == target);
        RemoveWhere(ProbeFailures, labels => labels[0] == target);
        RemoveWhere(ProbeRetries, labels => labels[0] == target);
        RemoveWhere(ProbeLastRun, labels => labels[0] == target);
        RemoveWhere(ProbePhase, labels => labels[0] == target);
        RemoveWhere(TlsCertExpiry, labels => labels[0] == target);
        TargetForgotten?.Invoke(target);
    }

    /// <summary>Raised by <see cref="ForgetTarget"/>, for series other parts define per target (per location, for example).</summary>
    public event Action<string>? TargetForgotten;

    /// <summary>Removes the children of <paramref name="collector"/> whose labels match.</summary>
    public static void RemoveWhere<TChild>(Collector<TChild> collector, Func<string[], bool> match)
        where TChild : ChildBase
    {
        foreach (var labels in collector.GetAllLabelValues().Where(match).ToList())
        {
            collector.RemoveLabelled(labels);
        }
    }

    public void RecordProbe(ProbeResult result)
    {
        ProbeSuccess.WithLabels(result.Target, result.Kind).Set(result.Success ? 1 : 0);
        ProbeDuration.WithLabels(result.Target, result.Kind).Observe(result.Duration.TotalSeconds);
        ProbeRuns.WithLabels(result.Target, result.Kind, result.Success ? "success" : "failure").Inc();
        ProbeLastRun.WithLabels(result.Target, result.Kind).Set((result.StartedAt + result.Duration).ToUnixTimeMilliseconds() / 1000.0);
        if (result.Attempts > 1)
        {
            ProbeRetries.WithLabels(result.Target, result.Kind).Inc(result.Attempts - 1);
        }

        if (!result.Success)
        {
            ProbeFailures.WithLabels(result.Target, result.Kind, result.Reason ?? "unknown").Inc();
        }

        ProbeGaugeMetrics.Record(this, result);
        Recent.Record(result);
    }

    public void RecordObservation(in Observation observation)
    {
        Observations.WithLabels(observation.Signal, observation.Success ? "success" : "failure").Inc();
        History.Record(observation);
    }

    /// <summary>Sets each rule's value, threshold and burn rates per series from one evaluation; called after every evaluation.</summary>
    public void RecordReadings(IReadOnlyList<RuleReading> readings)
    {
        foreach (var reading in readings)
        {
            if (!_ruleChildren.TryGetValue((reading.Rule, reading.Signal), out var children))
            {
                children = (RuleValue.WithLabels(reading.Rule, reading.Signal), RuleThreshold.WithLabels(reading.Rule, reading.Signal));
                _ruleChildren[(reading.Rule, reading.Signal)] = children;
            }

            children.Value.Set(reading.Value);
            children.Threshold.Set(reading.Threshold);
            foreach (var rate in reading.BurnRates)
            {
                RuleBurnRate.WithLabels(reading.Rule, reading.Signal, Durations.Format(rate.Window)).Set(rate.Rate);
            }
        }
    }

    public void RecordTransition(AlertTransition transition, AlertState state)
    {
        AlertTransitions.WithLabels(transition.Rule, transition.Kind.ToString().ToLowerInvariant()).Inc();
        AlertState.WithLabels(transition.Rule, transition.Severity.ToName(), transition.Category.ToName()).Set((int)state);
        Recent.Record(transition);
    }
}
