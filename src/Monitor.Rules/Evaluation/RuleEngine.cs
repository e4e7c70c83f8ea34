using System.Globalization;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Observations;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Evaluation;

/// <summary>
/// Keeps the windows of every signal the rules read, and turns evaluations into alert transitions.
/// Not thread-safe: the caller serialises <see cref="Record"/> and <see cref="Evaluate"/>.
/// </summary>
public sealed class RuleEngine
{
    private const int SampleRestaurants = 10;
    private const int TopErrorTypes = 5;

    private readonly IReadOnlyList<AlertRule> _rules;
    private readonly Dictionary<string, SignalWindow> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SeriesState> _states = new(StringComparer.Ordinal);

    /// <summary>Creates an engine for a fixed set of rules.</summary>
    /// <param name="rules">The rules; names must be unique.</param>
    /// <param name="resolution">Bucket width of the windows (default 1 second).</param>
    public RuleEngine(IReadOnlyList<AlertRule> rules, TimeSpan? resolution = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        var width = resolution ?? TimeSpan.FromSeconds(1);
        foreach (var group in rules.GroupBy(r => r.Signal, StringComparer.Ordinal))
        {
            var span = group.Max(r => r.Condition.Lookback);
            _windows[group.Key] = new SignalWindow(span, width);
        }

        foreach (var rule in rules)
        {
            _states[rule.Fingerprint] = new SeriesState();
        }
    }

    /// <summary>The rules this engine evaluates.</summary>
    public IReadOnlyList<AlertRule> Rules => _rules;

    /// <summary>Adds one observation. Observations of signals no rule reads are ignored.</summary>
    /// <returns>True when some rule reads the observation's signal.</returns>
    public bool Record(in Observation observation)
    {
        if (!_windows.TryGetValue(observation.Signal, out var window))
        {
            return false;
        }

        window.Record(observation);
        return true;
    }

    /// <summary>The current state of a rule's series.</summary>
    public AlertState StateOf(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _states[rule.Fingerprint].State;
    }

    /// <summary>Evaluates every rule at <paramref name="now"/> and returns the transitions, in rule order.</summary>
    public IReadOnlyList<AlertTransition> Evaluate(DateTimeOffset now)
    {
        List<AlertTransition>? transitions = null;
        foreach (var rule in _rules)
        {
            var (active, figures) = Measure(rule, now);
            var state = _states[rule.Fingerprint];
            var kind = Step(rule, state, active, now);
            if (kind is { } k)
            {
                transitions ??= [];
                transitions.Add(new AlertTransition(
                    rule.Fingerprint, rule.Name, rule.Signal, k, now, state.ActiveSince,
                    rule.Severity, rule.Category, figures, Describe(rule, figures)));
            }
        }

        return transitions ?? (IReadOnlyList<AlertTransition>)[];
    }

    private static TransitionKind? Step(AlertRule rule, SeriesState state, bool active, DateTimeOffset now)
    {
        switch (state.State)
        {
            case AlertState.Inactive when active:
                state.ActiveSince = now;
                state.LastActive = now;
                if (rule.For <= TimeSpan.Zero)
                {
                    state.State = AlertState.Firing;
                    return TransitionKind.Firing;
                }

                state.State = AlertState.Pending;
                return TransitionKind.Pending;
            case AlertState.Pending when active:
                state.LastActive = now;
                if (now - state.ActiveSince >= rule.For)
                {
                    state.State = AlertState.Firing;
                    return TransitionKind.Firing;
                }

                return null;
            case AlertState.Pending:
                state.State = AlertState.Inactive;
                return TransitionKind.Cancelled;
            case AlertState.Firing when active:
                state.LastActive = now;
                return null;
            case AlertState.Firing when now - state.LastActive >= rule.KeepFiringFor:
                state.State = AlertState.Inactive;
                return TransitionKind.Resolved;
            default:
                return null;
        }
    }

    private (bool Active, AlertFigures Figures) Measure(AlertRule rule, DateTimeOffset now)
    {
        switch (rule.Condition)
        {
            case ErrorRatioCondition c:
                var restaurants = new HashSet<string>(StringComparer.Ordinal);
                var errorTypes = new Dictionary<string, long>(StringComparer.Ordinal);
                var summary = _windows[rule.Signal].Summarize(now, c.Window, c.Counts, restaurants, errorTypes);
                var active = summary.Samples >= Math.Max(1, c.MinSamples)
                    && summary.Failures >= Math.Max(1, c.MinErrors)
                    && summary.DistinctRestaurants >= c.MinDistinctRestaurants
                    && summary.Ratio >= c.Threshold;
                var figures = new AlertFigures(
                    summary.Ratio, c.Threshold, summary.Samples, summary.Failures, summary.DistinctRestaurants, c.Window,
                    [.. errorTypes.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(TopErrorTypes)],
                    [.. restaurants.Order(StringComparer.Ordinal).Take(SampleRestaurants)]);
                return (active, figures);
            default:
                throw new NotSupportedException($"Rule '{rule.Name}': condition {rule.Condition.GetType().Name} is not supported.");
        }
    }

    private static string Describe(AlertRule rule, AlertFigures f)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"error ratio {f.Value:P1} ({f.Failures}/{f.Samples}) over {FormatSpan(f.Window)}, threshold {f.Threshold:P1}");
        if (f.DistinctRestaurants > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {f.DistinctRestaurants} restaurants");
        }

        if (f.TopErrorTypes.Count > 0)
        {
            text += "; top errors: " + string.Join(", ", f.TopErrorTypes.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value}")));
        }

        _ = rule;
        return text;
    }

    private static string FormatSpan(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays == Math.Floor(span.TotalDays) => $"{span.TotalDays:0}d",
        { TotalHours: >= 1 } when span.TotalHours == Math.Floor(span.TotalHours) => $"{span.TotalHours:0}h",
        { TotalMinutes: >= 1 } when span.TotalMinutes == Math.Floor(span.TotalMinutes) => $"{span.TotalMinutes:0}m",
        _ => $"{span.TotalSeconds:0.###}s",
    };

    private sealed class SeriesState
    {
        public AlertState State { get; set; }

        public DateTimeOffset ActiveSince { get; set; }

        public DateTimeOffset LastActive { get; set; }
    }
}
