using Monitor.Rules.Evaluation;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Definitions;

/// <summary>
/// An error-ratio spike against a baseline: active when the ratio over <see cref="Window"/> is at least
/// <see cref="Factor"/> times the ratio over the <see cref="BaselineWindow"/> just before it, and at least
/// <see cref="MinDelta"/> above it. An empty baseline counts as a zero ratio.
/// </summary>
/// <param name="Window">The current window.</param>
/// <param name="BaselineWindow">The window before it that sets the normal level.</param>
/// <param name="Factor">How many times the baseline ratio (k).</param>
/// <param name="MinDelta">Smallest absolute rise of the ratio, in [0, 1].</param>
/// <param name="MinSamples">Fewest observations in the current window (default 1).</param>
/// <param name="IncludeErrorTypes">When not empty, only failures with one of these error types count.</param>
/// <param name="ExcludeErrorTypes">Failures with one of these error types do not count.</param>
/// <param name="Class">Which class of failure counts: every failure (default), infrastructure or business errors only.</param>
public sealed record SpikeCondition(
    TimeSpan Window,
    TimeSpan BaselineWindow,
    double Factor,
    double MinDelta,
    long MinSamples = 1,
    IReadOnlyList<string>? IncludeErrorTypes = null,
    IReadOnlyList<string>? ExcludeErrorTypes = null,
    ErrorClass Class = ErrorClass.Any) : RuleCondition
{
    /// <inheritdoc />
    public override TimeSpan Lookback => Window + BaselineWindow;

    internal override ErrorFilter Filter => new(IncludeErrorTypes, ExcludeErrorTypes, Class);

    internal override void Declare(SeriesLayoutBuilder layout)
    {
        layout.Window(Window);
        layout.Window(BaselineWindow, Window);
        layout.Filter(Filter);
    }

    internal override Measurement Measure(SeriesWindow series, int filter, DateTimeOffset now)
    {
        var current = series.Counts(Window, now.UtcTicks, filter);
        var baseline = series.Counts(BaselineWindow, now.UtcTicks - Window.Ticks, filter);
        var active = current.Samples >= Math.Max(1, MinSamples) && current.Failures > 0
            && current.Ratio >= Factor * baseline.Ratio
            && current.Ratio - baseline.Ratio >= MinDelta;
        return new Measurement(active, current.Ratio, Math.Max(Factor * baseline.Ratio, baseline.Ratio + MinDelta), Window,
            current.Samples, current.Failures, Baseline: baseline.Ratio, CountsFailures: true, NoData: current.Samples == 0);
    }

    internal override string Describe(in Measurement m) => Text.Invariant(
        $"error ratio {Text.Percent(m.Value)} ({m.Failures}/{m.Samples}) over {Text.Span(m.Window)} against {Text.Percent(m.Baseline ?? 0)} over the {Text.Span(BaselineWindow)} before, limit {Text.Percent(m.Threshold)}");
}
