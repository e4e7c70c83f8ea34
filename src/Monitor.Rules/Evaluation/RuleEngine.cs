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
        List<AlertTransition>? transitions = null;
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            foreach (var alert in _alerts[i])
            {
                alert.Series.FirstSeen ??= now;
                var measurement = rule.Condition.Measure(alert.Series, alert.Filter, now);
                if (AlertLifecycle.Step(rule, alert, measurement.Active, now) is { } kind)
                {
                    (transitions ??= []).Add(Transition(alert, kind, measurement, now));
                }
            }
        }

        return transitions ?? (IReadOnlyList<AlertTransition>)[];
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

    private List<AlertSeries> AlertsOf(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var index = Array.IndexOf(_rules, rule);
        if (index < 0)
        {
            index = Array.FindIndex(_rules, r => r.Name == rule.Name);
        }

        return index < 0 ? throw new ArgumentException($"Rule '{rule.Name}' is not one of this engine's rules.", nameof(rule)) : _alerts[index];
    }

    /// <summary>The series for a signal, created with the layout all rules reading it need; null when no rule reads it.</summary>
    private SeriesWindow? SeriesFor(string signal)
    {
        if (_series.TryGetValue(signal, out var existing))
        {
            return existing;
        }

        if (_series.Count >= MaxSeries)
        {
            return null;
        }

        var builder = new SeriesLayoutBuilder(_resolutionTicks);
        var matched = new List<int>();
        for (var i = 0; i < _rules.Length; i++)
        {
            if (SignalPattern.Matches(_rules[i].Signal, signal))
            {
                _rules[i].Condition.Declare(builder);
                matched.Add(i);
            }
        }

        if (matched.Count == 0)
        {
            return null;
        }

        var series = new SeriesWindow(signal, builder.Build());
        _series[signal] = series;
        foreach (var i in matched)
        {
            var filter = _rules[i].Condition.Filter is { } f ? series.FilterIndex(f.Key) : -1;
            _alerts[i].Add(new AlertSeries(_rules[i], series, filter));
        }

        return series;
    }
}
