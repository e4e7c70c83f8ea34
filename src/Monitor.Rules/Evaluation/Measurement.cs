namespace Monitor.Rules.Evaluation;

/// <summary>What a condition measured at one evaluation. Allocation-free so that evaluating many series is cheap.</summary>
/// <param name="Active">Whether the condition holds.</param>
/// <param name="Value">The value compared with the threshold.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="Window">The window the figures cover.</param>
/// <param name="Samples">Observations in the window.</param>
/// <param name="Failures">Counted failures in the window.</param>
/// <param name="DistinctRestaurants">Distinct failing restaurants, or -1 when not computed yet.</param>
/// <param name="Baseline">The reference value, for conditions that compare with one.</param>
/// <param name="Current">The current level, for gauge conditions.</param>
/// <param name="CountsFailures">Whether error types and restaurants belong in the figures.</param>
/// <param name="NoData">Nothing to judge yet (an empty window, no gauge value, no baseline): <see cref="Value"/> is then a placeholder.</param>
internal readonly record struct Measurement(
    bool Active,
    double Value,
    double Threshold,
    TimeSpan Window,
    long Samples = 0,
    long Failures = 0,
    int DistinctRestaurants = -1,
    double? Baseline = null,
    double? Current = null,
    bool CountsFailures = false,
    bool NoData = false);
