using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Observations;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Evaluation;

/// <summary>
/// Keeps the windows of every series the rules read, and turns evaluations into alert transitions.
/// A rule whose signal ends in <c>*</c> gets one alert series per matching signal, created when the
/// signal is first recorded. Not thread-safe: the caller serialises all calls.
/// </summary>
public sealed partial class RuleEngine
{
    /// <summary>The most series an engine keeps; observations of further new signals are dropped.</summary>
    public const int MaxSeries = 100_000;

    private const int SampleRestaurants = 10;
    private const int TopErrorTypes = 5;

    private readonly AlertRule[] _rules;
    private readonly List<AlertSeries>[] _alerts;
    private readonly Dictionary<string, SeriesWindow> _series = new(StringComparer.Ordinal);

    // The alerts on each signal's series, in rule order: what a new observation of that signal can change, found with
    // one lookup. Scanning every rule's alerts for the signal cost 10% of an idle daemon's CPU with 500 targets.
    private readonly Dictionary<string, List<AlertSeries>> _alertsBySignal = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unread = new(StringComparer.Ordinal);
    private readonly long _resolutionTicks;

    /// <summary>Creates an engine for a fixed set of rules.</summary>
    /// <param name="rules">The rules; names must be unique.</param>
    /// <param name="resolution">The finest bucket width of the windows (default 1 second); long windows use coarser buckets.</param>
    public RuleEngine(IReadOnlyList<AlertRule> rules, TimeSpan? resolution = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var duplicate = rules.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Rule name '{duplicate.Key}' is used more than once.", nameof(rules));
        }

        _rules = [.. rules];
        _resolutionTicks = (resolution ?? TimeSpan.FromSeconds(1)).Ticks;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_resolutionTicks, 0, nameof(resolution));
        _alerts = new List<AlertSeries>[_rules.Length];
        for (var i = 0; i < _rules.Length; i++)
        {
            _alerts[i] = [];
        }

        foreach (var rule in _rules.Where(r => !SignalPattern.IsPattern(r.Signal)))
        {
            _ = SeriesFor(rule.Signal);
        }
    }

    /// <summary>The rules this engine evaluates.</summary>
    public IReadOnlyList<AlertRule> Rules => _rules;

    /// <summary>The resolution (finest bucket width) of the windows.</summary>
    public TimeSpan Resolution => TimeSpan.FromTicks(_resolutionTicks);

    /// <summary>The series currently kept.</summary>
    public int SeriesCount => _series.Count;

    /// <summary>Adds one observation. Observations of signals no rule reads are ignored. Allocates nothing for a known series.</summary>
    /// <returns>True when some rule reads the observation's signal.</returns>
    public bool Record(in Observation observation)
    {
        if (!_series.TryGetValue(observation.Signal, out var series))
        {
            series = SeriesFor(observation.Signal);
            if (series is null)
            {
                return false;
            }
        }

        series.Record(observation);
        return true;
    }

    /// <summary>
    /// Adds many outcomes at once, all at <paramref name="at"/>: for example the valid and invalid entities
    /// of one type found by a feed run (see <see cref="FeedSignals"/>). Failures carry
    /// <paramref name="errorType"/>; no restaurants or latencies are recorded.
    /// </summary>
    /// <param name="signal">The signal.</param>
    /// <param name="at">When.</param>
    /// <param name="successes">How many succeeded.</param>
    /// <param name="failures">How many failed.</param>
    /// <param name="errorType">The failures' label.</param>
    /// <param name="businessError">
    /// Whether the label is a business error type (default, when there is a label) rather than the reason of an
    /// infrastructure failure; see <see cref="ErrorClass"/>.
    /// </param>
    /// <returns>True when some rule reads the signal.</returns>
    public bool RecordCounts(string signal, DateTimeOffset at, long successes, long failures, string? errorType = null, bool? businessError = null)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(failures);
        if (!_series.TryGetValue(signal, out var series))
        {
            series = SeriesFor(signal);
            if (series is null)
            {
                return false;
            }
        }

        series.RecordCounts(at, successes, failures, errorType, businessError ?? errorType is not null);
        return true;
    }

    /// <summary>
    /// Records the value of a gauge (entities of a type, restaurants in a feed, or a Unix time in seconds
    /// such as a feed's last modification) for count-drop and freshness rules.
    /// </summary>
    /// <returns>True when some rule reads the signal.</returns>
    public bool RecordGauge(string signal, DateTimeOffset at, double value)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!_series.TryGetValue(signal, out var series))
        {
            series = SeriesFor(signal);
            if (series is null)
            {
                return false;
            }
        }

        series.RecordGauge(at, value);
        return true;
    }

    /// <summary>The current state of a rule's alert on its own signal (for a pattern rule: the worst of its series).</summary>
    public AlertState StateOf(AlertRule rule)
    {
        var alerts = AlertsOf(rule);
        return alerts.Count == 0 ? AlertState.Inactive : alerts.Max(a => a.State);
    }

    /// <summary>The current state of a rule's alert on one series.</summary>
    public AlertState StateOf(AlertRule rule, string series) =>
        AlertsOf(rule).FirstOrDefault(a => a.Series.Signal == series)?.State ?? AlertState.Inactive;

    /// <summary>Evaluates every rule at <paramref name="now"/> and returns the transitions, in rule order.</summary>
    public IReadOnlyList<AlertTransition> Evaluate(DateTimeOffset now)
    {
        var transitions = EvaluateWhere(null, now);
        _lastEvaluation = now;
        return transitions;
    }

    /// <summary>
    /// Evaluates at <paramref name="now"/> only the alerts on the series of <paramref name="signal"/>, in rule order: what
    /// a new observation of that signal can change, at the cost of those few alerts rather than all. Alerts of other
    /// series move on time alone at the next <see cref="Evaluate(DateTimeOffset)"/>.
    /// </summary>
    public IReadOnlyList<AlertTransition> Evaluate(DateTimeOffset now, string signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!_alertsBySignal.TryGetValue(signal, out var own))
        {
            return [];
        }

        var transitions = EvaluateWhere(own, now);
        _lastEvaluation = now;
        return transitions;
    }

    /// <summary>Evaluates every alert, or with <paramref name="own"/> only those (in rule order); quorum rules always whole.</summary>
    private IReadOnlyList<AlertTransition> EvaluateWhere(List<AlertSeries>? own, DateTimeOffset now)
    {
        List<AlertTransition>? transitions = null;
        var next = 0; // own is in rule order: own[next..] belong to rule i and the rules after it
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            if (rule.Quorum is not null)
            {
                EvaluateQuorum(i, now, ref transitions);
                while (own is not null && next < own.Count && ReferenceEquals(own[next].Rule, rule))
                {
                    next++;
                }
            }
            else if (own is null)
            {
                foreach (var alert in _alerts[i])
                {
                    Step(alert, now, ref transitions);
                }
            }
            else
            {
                while (next < own.Count && ReferenceEquals(own[next].Rule, rule))
                {
                    Step(own[next++], now, ref transitions);
                }
            }
        }

        return transitions ?? (IReadOnlyList<AlertTransition>)[];
    }

    private void Step(AlertSeries alert, DateTimeOffset now, ref List<AlertTransition>? transitions)
    {
        var rule = alert.Rule;
        alert.Series.FirstSeen ??= now;
        var measurement = rule.Condition.Measure(alert.Series, alert.Filter, now);
        alert.Last = measurement;
        if (AlertLifecycle.Step(rule, alert, measurement.Active, now, measurement.NoData) is { } kind)
        {
            (transitions ??= []).Add(Transition(alert, kind, measurement, now));
        }
    }

    private AlertTransition Transition(AlertSeries alert, TransitionKind kind, in Measurement m, DateTimeOffset now)
    {
        var series = alert.Series;
        var figures = new AlertFigures(m.Value, m.Threshold, m.Samples, m.Failures,
            m.DistinctRestaurants >= 0 ? m.DistinctRestaurants
                : m.CountsFailures ? series.DistinctRestaurants(m.Window, now.UtcTicks, alert.Filter) : 0,
            m.Window,
            m.CountsFailures ? series.TopErrorTypes(m.Window, now.UtcTicks, alert.Filter, TopErrorTypes) : [],
            m.CountsFailures ? series.AffectedRestaurants(m.Window, now.UtcTicks, alert.Filter, SampleRestaurants) : [])
        {
            Baseline = m.Baseline,
            Current = m.Current,
        };
        var rule = alert.Rule;
        return new AlertTransition(alert.Fingerprint, rule.Name, series.Signal, kind, now, alert.ActiveSince,
            rule.Severity, rule.Category, figures, rule.Condition.Describe(m));
    }
}
