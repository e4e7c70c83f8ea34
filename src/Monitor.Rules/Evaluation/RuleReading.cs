using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;

namespace Monitor.Rules.Evaluation;

/// <summary>What one rule measured on one series at the last evaluation, transition or not: the figures behind a metric or a chart.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Signal">The series (for a pattern rule, the matching signal).</param>
/// <param name="State">The alert's state after the evaluation.</param>
/// <param name="Value">The value compared with the threshold; NaN while there is nothing to judge (an empty window, no gauge value, no baseline).</param>
/// <param name="Threshold">The threshold the value was compared with.</param>
/// <param name="BurnRates">For a burn-rate rule, the burn rate over each of its distinct windows; empty for other rules.</param>
public sealed record RuleReading(string Rule, string Signal, AlertState State, double Value, double Threshold, IReadOnlyList<WindowBurnRate> BurnRates)
{
    internal RuleCondition? Condition { get; init; }

    internal Measurement Measurement { get; init; }

    /// <summary>The measurement in words, as alert messages give it (for example "error ratio 62.5% (5/8) over 5m, threshold 50%"); built on demand.</summary>
    public string Describe() =>
        Condition is null ? ""
        : Measurement.NoData ? "nothing to judge yet (no observations in the window, or no value)"
        : Condition.Describe(Measurement);
}

/// <summary>The error-budget burn rate over one window: 1 spends the budget exactly over the objective's period; NaN for a window without observations.</summary>
/// <param name="Window">The window.</param>
/// <param name="Rate">Error ratio over the window divided by the error budget (1 - objective).</param>
public readonly record struct WindowBurnRate(TimeSpan Window, double Rate);
