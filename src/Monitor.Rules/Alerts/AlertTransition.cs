namespace Monitor.Rules.Alerts;

/// <summary>What happened to an alert series at one evaluation.</summary>
public enum TransitionKind
{
    /// <summary>The condition started to hold; the alert waits for its <c>for</c> duration.</summary>
    Pending,

    /// <summary>The alert started firing.</summary>
    Firing,

    /// <summary>A firing alert stopped firing.</summary>
    Resolved,

    /// <summary>A pending alert went back to inactive before firing.</summary>
    Cancelled,
}

/// <summary>The figures that caused a transition, so that a message can show them.</summary>
/// <param name="Value">The measured value compared with the threshold (a ratio, seconds, a count...).</param>
/// <param name="Threshold">The rule's threshold.</param>
/// <param name="Samples">Observations in the window.</param>
/// <param name="Failures">Failures counted by the rule in the window.</param>
/// <param name="DistinctRestaurants">Distinct restaurants among the counted failures.</param>
/// <param name="Window">The window the figures cover.</param>
/// <param name="TopErrorTypes">The most frequent error types or reasons among failures, most first.</param>
/// <param name="AffectedRestaurants">A bounded sample of the restaurants among failures.</param>
public sealed record AlertFigures(
    double Value,
    double Threshold,
    long Samples,
    long Failures,
    int DistinctRestaurants,
    TimeSpan Window,
    IReadOnlyList<KeyValuePair<string, long>> TopErrorTypes,
    IReadOnlyList<string> AffectedRestaurants)
{
    /// <summary>The reference the value was compared with (a baseline ratio, rate or count, or the short-window burn rate), when there is one.</summary>
    public double? Baseline { get; init; }

    /// <summary>The current level of a gauge, for gauge rules.</summary>
    public double? Current { get; init; }

    /// <summary>Figures for an evaluation with nothing in the window.</summary>
    public static AlertFigures Empty(double threshold, TimeSpan window) =>
        new(0, threshold, 0, 0, 0, window, [], []);
}

/// <summary>One change of state of one alert series (rule and signal), with the figures behind it.</summary>
/// <param name="Fingerprint">Stable identity of the series: the same rule and signal always give the same value.</param>
/// <param name="Rule">The rule name.</param>
/// <param name="Signal">The signal (series) name.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">Evaluation time of the change.</param>
/// <param name="ActiveSince">When the condition started to hold (start of pending).</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="Category">The rule's category.</param>
/// <param name="Figures">What was measured.</param>
/// <param name="Summary">A one-line human description of the figures.</param>
public sealed record AlertTransition(
    string Fingerprint,
    string Rule,
    string Signal,
    TransitionKind Kind,
    DateTimeOffset At,
    DateTimeOffset ActiveSince,
    Severity Severity,
    AlertCategory Category,
    AlertFigures Figures,
    string Summary)
{
    /// <summary>True when the alert is critical and of an urgent category.</summary>
    public bool IsUrgent => AlertClassification.IsUrgent(Severity, Category);
}
