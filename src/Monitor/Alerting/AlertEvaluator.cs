using Monitor.Metrics;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;

namespace Monitor.Alerting;

/// <summary>
/// Owns the rule engine: takes observations from every producer (probes, ingest), evaluates the rules
/// and hands transitions to the sink. The engine is single-threaded; one lock serialises access, and
/// one evaluation runs at a time so transitions reach the sink in order.
/// </summary>
internal sealed partial class AlertEvaluator
{
    private readonly RuleEngine _engine;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _evaluation = new(1, 1);
    private readonly IAlertSink _sink;
    private readonly MonitorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertEvaluator> _logger;

    public AlertEvaluator(IReadOnlyList<AlertRule> rules, TimeSpan resolution, IAlertSink sink, MonitorMetrics metrics, TimeProvider time, ILogger<AlertEvaluator> logger)
    {
        _engine = new RuleEngine(rules, resolution);
        _sink = sink;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        foreach (var rule in rules)
        {
            _metrics.AlertState.WithLabels(rule.Name, rule.Severity.ToName(), rule.Category.ToName()).Set(0);
        }
    }

    public IReadOnlyList<AlertRule> Rules => _engine.Rules;

    public DateTimeOffset? LastEvaluation { get; private set; }

    public void Record(in Observation observation)
    {
        lock (_gate)
        {
            _engine.Record(observation);
        }

        _metrics.Observations.WithLabels(observation.Signal, observation.Success ? "success" : "failure").Inc();
    }

    public AlertState StateOf(AlertRule rule)
    {
        lock (_gate)
        {
            return _engine.StateOf(rule);
        }
    }

    /// <summary>Evaluates every rule now and delivers the transitions to the sink.</summary>
    public async Task<IReadOnlyList<AlertTransition>> EvaluateAsync(CancellationToken cancellationToken)
    {
        await _evaluation.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<AlertTransition> transitions;
            var now = _time.GetUtcNow();
            lock (_gate)
            {
                transitions = _engine.Evaluate(now);
                foreach (var transition in transitions)
                {
                    var rule = _engine.Rules.First(r => r.Name == transition.Rule);
                    _metrics.RecordTransition(transition, _engine.StateOf(rule));
                    _metrics.RuleValue.WithLabels(transition.Rule).Set(transition.Figures.Value);
                }
            }

            LastEvaluation = now;
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
