using Monitor.Metrics;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;
using Monitor.Storage;

namespace Monitor.Alerting;

/// <summary>
/// Owns the rule engine: takes observations from every producer (probes, ingest), evaluates the rules
/// and hands transitions to the sink. The engine is single-threaded; one lock serialises access, and
/// one evaluation runs at a time so transitions reach the sink in order.
/// </summary>
internal sealed partial class AlertEvaluator
{
    private RuleEngine _engine;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _evaluation = new(1, 1);
    private readonly IAlertSink _sink;
    private readonly MonitorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertEvaluator> _logger;
    private IReadOnlyList<RuleReading>? _readings;

    public AlertEvaluator(
        IReadOnlyList<AlertRule> rules, TimeSpan resolution, IAlertSink sink, MonitorMetrics metrics, TimeProvider time,
        ILogger<AlertEvaluator> logger, IAlertStateStore? stateStore = null, FailureSamples? samples = null)
    {
        Samples = samples ?? new FailureSamples();
        _engine = new RuleEngine(rules, resolution);
        _sink = sink;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _stateStore = stateStore;
        foreach (var rule in rules)
        {
            _metrics.AlertState.WithLabels(rule.Name, rule.Severity.ToName(), rule.Category.ToName()).Set(0);
        }

        RestoreState();
    }

    public IReadOnlyList<AlertRule> Rules => _engine.Rules;

    /// <summary>
    /// Puts a new set of rules in force between two evaluations. Alert states and window contents carry over for
    /// every rule whose name and signal are unchanged (a changed threshold keeps a firing alert firing, with no
    /// second firing transition); windows whose layout the new rules change start empty. Alerts of removed rules
    /// are dropped with their metrics.
    /// </summary>
    public async Task ReplaceRulesAsync(IReadOnlyList<AlertRule> rules, CancellationToken cancellationToken)
    {
        await _evaluation.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<AlertRule> old;
            lock (_gate)
            {
                old = _engine.Rules;
                var snapshot = _engine.ExportState();
                var engine = new RuleEngine(rules, _engine.Resolution);
                engine.ImportState(snapshot);
                _engine = engine;
            }

            var kept = rules.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in old)
            {
                if (!kept.Contains(rule.Name))
                {
                    _metrics.ForgetRule(rule.Name);
                }
                else if (rules.First(r => r.Name == rule.Name) is var now && (now.Severity != rule.Severity || now.Category != rule.Category))
                {
                    _metrics.AlertState.RemoveLabelled(rule.Name, rule.Severity.ToName(), rule.Category.ToName());
                }
            }

            lock (_gate)
            {
                foreach (var rule in rules)
                {
                    _metrics.AlertState.WithLabels(rule.Name, rule.Severity.ToName(), rule.Category.ToName()).Set((int)_engine.StateOf(rule));
                }
            }

            lock (_gate)
            {
                _readings = null;
            }

            SaveState();
        }
        finally
        {
            _evaluation.Release();
        }
    }

    /// <summary>The last failing requests of each signal, kept as evidence.</summary>
    public FailureSamples Samples { get; }

    /// <summary>The latest complete run of each feed target, which the feed rules judge.</summary>
    public FeedRuns FeedRuns { get; } = new();

    public DateTimeOffset? LastEvaluation { get; private set; }

    /// <summary>What every rule measured on each of its series at the last evaluation (empty before the first).</summary>
    public IReadOnlyList<RuleReading> Readings
    {
        get
        {
            lock (_gate)
            {
                return _readings ??= _engine.Readings();
            }
        }
    }

    public void Record(in Observation observation)
    {
        lock (_gate)
        {
            _engine.Record(observation);
        }

        _metrics.RecordObservation(observation);
    }

    /// <summary>Records a gauge value (a count, a Unix timestamp) for count-drop and freshness rules.</summary>
    public void RecordGauge(string signal, DateTimeOffset at, double value)
    {
        lock (_gate)
        {
            _engine.RecordGauge(signal, at, value);
        }
    }

    /// <summary>
    /// Records an aggregate outcome (for example a feed's valid and invalid entities of one type) as
    /// that many observations in one step, so that ratio rules read it like any other traffic.
    /// </summary>
    public void RecordCounts(string signal, DateTimeOffset at, long successes, long failures, string errorType)
    {
        lock (_gate)
        {
            _engine.RecordCounts(signal, at, successes, failures, errorType);
        }

        _metrics.Observations.WithLabels(signal, "success").Inc(successes);
        _metrics.Observations.WithLabels(signal, "failure").Inc(failures);
        _metrics.History.RecordCounts(signal, at, successes, failures);
    }

    /// <summary>Records many observations under one lock; the metrics are updated once per signal.</summary>
    public void RecordBatch(ReadOnlySpan<Observation> observations)
    {
        lock (_gate)
        {
            foreach (ref readonly var observation in observations)
            {
                _engine.Record(observation);
            }
        }

        _metrics.History.Record(observations);

        // Batches carry few distinct signals: a short list beats a dictionary here.
        var counts = new List<(string Signal, long Successes, long Failures)>(4);
        foreach (ref readonly var observation in observations)
        {
            var i = counts.Count - 1;
            while (i >= 0 && !string.Equals(counts[i].Signal, observation.Signal, StringComparison.Ordinal))
            {
                i--;
            }

            if (i < 0)
            {
                counts.Add((observation.Signal, 0, 0));
                i = counts.Count - 1;
            }

            var c = counts[i];
            if (observation.Success)
            {
                counts[i] = (c.Signal, c.Successes + 1, c.Failures);
            }
            else
            {
                counts[i] = (c.Signal, c.Successes, c.Failures + 1);
                Samples.Add(observation);
            }
        }

        foreach (var (signal, successes, failures) in counts)
        {
            _metrics.Observations.WithLabels(signal, "success").Inc(successes);
            _metrics.Observations.WithLabels(signal, "failure").Inc(failures);
        }
    }

    public AlertState StateOf(AlertRule rule)
    {
        lock (_gate)
        {
            return _engine.StateOf(rule);
        }
    }

    /// <summary>Evaluates every rule now and delivers the transitions to the sink.</summary>
    public Task<IReadOnlyList<AlertTransition>> EvaluateAsync(CancellationToken cancellationToken) => EvaluateCoreAsync(null, cancellationToken);

    /// <summary>
    /// Evaluates now only the alerts on these signals' series (what a probe run just recorded) and delivers their
    /// transitions: with hundreds of targets, a run costs the evaluation of its own few alerts, not of all. The others
    /// move on time alone at the next full evaluation.
    /// </summary>
    public Task<IReadOnlyList<AlertTransition>> EvaluateSignalsAsync(IReadOnlyList<string> signals, CancellationToken cancellationToken) =>
        EvaluateCoreAsync(signals, cancellationToken);

    private async Task<IReadOnlyList<AlertTransition>> EvaluateCoreAsync(IReadOnlyList<string>? signals, CancellationToken cancellationToken)
    {
        await _evaluation.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<AlertTransition> transitions;
            IReadOnlyList<RuleReading> readings;
            var now = _time.GetUtcNow();
            lock (_gate)
            {
                if (signals is null)
                {
                    transitions = _engine.Evaluate(now);
                    readings = _engine.Readings();
                    _readings = readings;
                }
                else
                {
                    var some = new List<AlertTransition>();
                    var read = new List<RuleReading>();
                    foreach (var signal in signals)
                    {
                        some.AddRange(_engine.Evaluate(now, signal));
                        read.AddRange(_engine.Readings(signal, now));
                    }

                    (transitions, readings) = (some, read);
                    // The full list is built again only when something reads it.
                    _readings = null;
                }

                foreach (var transition in transitions)
                {
                    var rule = _engine.Rules.First(r => r.Name == transition.Rule);
                    _metrics.RecordTransition(transition, _engine.StateOf(rule));
                }
            }

            _metrics.RecordReadings(readings);

            LastEvaluation = now;
            SaveStateIfDue(now, transitions.Count > 0);
            _metrics.Evaluations.Inc();
            foreach (var transition in transitions)
            {
                LogTransition(transition.Rule, transition.Signal, transition.Kind, transition.Summary);
            }

            if (transitions.Count > 0)
            {
                await _sink.HandleAsync(transitions, cancellationToken);
            }

            return transitions;
        }
        finally
        {
            _evaluation.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Rule} on {Signal}: {Kind} ({Summary})")]
    private partial void LogTransition(string rule, string signal, TransitionKind kind, string summary);
}
