using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Metrics;
using Monitor.Probes;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;

namespace Monitor.Web;

/// <summary>Reads the evaluator, the probes' last results, the in-memory history and the status source into one snapshot.</summary>
internal sealed partial class StatusSnapshotBuilder(
    ProjectIdentity project, AlertEvaluator evaluator, ProbeCatalog catalog, MonitorMetrics metrics, IStatusSource source, TimeProvider time,
    ILogger<StatusSnapshotBuilder> logger)
{
    /// <summary>How far back the charts reach.</summary>
    public static readonly TimeSpan ChartSpan = TimeSpan.FromMinutes(SignalHistory.Minutes);

    /// <summary>The span of the recent error ratio shown beside each signal.</summary>
    public static readonly TimeSpan RecentSpan = TimeSpan.FromMinutes(15);

    public async Task<StatusSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // A failing incident store must not take the page down with it: the live figures still show.
        StatusExtras extras;
        var unavailable = false;
        try
        {
            extras = await source.GetAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSourceFailed(e);
            extras = StatusExtras.None;
            unavailable = true;
        }

        var readings = evaluator.Readings;
        var alerts = Alerts(readings.ToLookup(r => r.Rule, StringComparer.Ordinal));
        var signals = Signals(now, alerts, readings.ToLookup(r => r.Signal, StringComparer.Ordinal));
        var transitions = metrics.Recent.Transitions().Take(10)
            .Select(t => new TransitionView(t.Rule, t.Signal, Name(t.Kind), t.At, t.Severity.ToName(), t.Category.ToName(), t.Summary))
            .ToList();
        return new StatusSnapshot(
            project.Name, BuildVersion.Value, now, Overall(alerts, signals, extras.Incidents), evaluator.LastEvaluation,
            extras.Maintenance, alerts, signals, extras.Incidents, extras.Cases, transitions)
        {
            IncidentsUnavailable = unavailable,
        };
    }

    /// <summary>Every probed target with its last result, in name order.</summary>
    public IReadOnlyList<TargetView> Targets() =>
        [.. catalog.All.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => Target(p.Name, p.Kind))];

    private TargetView Target(string name, string kind)
    {
        var last = metrics.Recent.LastProbe(name);
        return last is null
            ? new TargetView(name, kind, "unknown", null, null, null, null, null, null, null)
            : new TargetView(name, kind, last.Success ? "up" : "down", last.StartedAt, last.Duration.TotalSeconds,
                last.Reason, last.Detail, last.StatusCode, last.ErrorType, last.Attempts);
    }

    private List<AlertView> Alerts(ILookup<string, RuleReading> readings)
    {
        var views = new List<AlertView>();
        foreach (var rule in evaluator.Rules)
        {
            var state = evaluator.StateOf(rule);
            var last = metrics.Recent.LastTransition(rule.Name);
            var since = state == AlertState.Inactive
                ? last is { Kind: TransitionKind.Resolved } ? last.At : null
                : last?.ActiveSince;
            // A pattern rule shows its worst series.
            var shown = readings[rule.Name].MaxBy(r => r.State);
            views.Add(new AlertView(rule.Name, rule.Signal, Name(state), rule.Severity.ToName(), rule.Category.ToName(),
                AlertClassification.IsUrgent(rule.Severity, rule.Category), since, last?.Summary)
            {
                Now = shown is null ? null : SignalPattern.IsPattern(rule.Signal) ? $"{shown.Signal}: {shown.Describe()}" : shown.Describe(),
                Value = shown is null || double.IsNaN(shown.Value) ? null : shown.Value,
                Threshold = shown?.Threshold,
            });
        }

        return [.. views
            .OrderByDescending(a => StateRank(a.State))
            .ThenByDescending(a => SeverityRank(a.Severity))
            .ThenBy(a => a.Rule, StringComparer.Ordinal)];
    }

    /// <param name="now">When the snapshot is taken.</param>
    /// <param name="alerts">Every rule's view.</param>
    /// <param name="readings">The last evaluation's readings, by signal.</param>
    private List<SignalView> Signals(DateTimeOffset now, List<AlertView> alerts, ILookup<string, RuleReading> readings)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        names.UnionWith(catalog.All.Select(p => p.Name));
        names.UnionWith(alerts.Select(a => a.Signal).Where(signal => !SignalPattern.IsPattern(signal)));
        names.UnionWith(metrics.History.Signals);
        var views = new List<SignalView>();
        foreach (var name in names)
        {
            var history = metrics.History.Points(name, now, ChartSpan);
            var recentFrom = now - RecentSpan;
            var recent = history.Where(p => p.Minute > recentFrom - TimeSpan.FromMinutes(1)).ToList();
            long samples = recent.Sum(p => p.Samples), failures = recent.Sum(p => p.Failures);
            var probe = catalog.TryGet(name, out var p) ? Target(name, p.Kind) : null;
            var ruleStates = alerts.Where(a => SignalPattern.Matches(a.Signal, name)).Select(a => SeriesState(a, name, readings)).ToList();
            var alertState = ruleStates.Count == 0 ? "none" : ruleStates.MaxBy(StateRank)!;

            // A signal with no observations that a rule measured anyway is a gauge (days left, a publication time).
            var gauge = history.Count == 0 && probe is null
                ? readings[name].FirstOrDefault(r => !double.IsNaN(r.Value))
                : null;
            var state = alertState == "firing" ? "down"
                : alertState == "pending" || probe?.State == "down" ? "degraded"
                : history.Count == 0 && probe?.LastRun is null && gauge is null ? "unknown"
                : "ok";
            views.Add(new SignalView(name, gauge is null ? probe?.Kind ?? KindOf(name) : "gauge", state, alertState, samples, failures,
                samples == 0 ? 0 : (double)failures / samples, metrics.History.LastSeen(name), probe)
            {
                History = history,
                Reading = gauge is null ? null : $"{gauge.Describe()} ({gauge.Rule})",
            });
        }

        return views;
    }

    /// <summary>A rule's state on one signal: its own state for a plain rule, the state of its series on that signal for a pattern rule.</summary>
    private static string SeriesState(AlertView alert, string signal, ILookup<string, RuleReading> readingsBySignal) =>
        !SignalPattern.IsPattern(alert.Signal) ? alert.State
        : readingsBySignal[signal].FirstOrDefault(r => r.Rule == alert.Rule) is { } reading ? Name(reading.State)
        : "inactive";

    /// <summary>Signals no probe owns: figures derived from feed runs, or ingested real traffic.</summary>
    private static string KindOf(string signal) =>
        SignalPattern.Matches(FeedSignals.EntitiesOfEveryType, signal) || signal == FeedSignals.Age
            ? "feed figures"
            : "ingested";

    private static string Overall(List<AlertView> alerts, List<SignalView> signals, IReadOnlyList<IncidentView> incidents)
    {
        if (alerts.Any(a => a.State == "firing" && a.Severity == "critical") || incidents.Any(i => i.Severity == "critical"))
        {
            return "critical";
        }

        return alerts.Any(a => a.State != "inactive") || signals.Any(s => s.State is "down" or "degraded") || incidents.Count > 0
            ? "degraded"
            : "ok";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status page: incidents, maintenance and cases could not be read")]
    private partial void LogSourceFailed(Exception exception);

    private static string Name(AlertState state) => state.ToString().ToLowerInvariant();

    private static string Name(TransitionKind kind) => kind.ToString().ToLowerInvariant();

    private static int StateRank(string state) => state switch { "firing" => 2, "pending" => 1, _ => 0 };

    private static int SeverityRank(string severity) => severity switch { "critical" => 3, "major" => 2, "minor" => 1, _ => 0 };
}
