using Monitor.Rules.Evaluation;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Definitions;

/// <summary>
/// Absence: traffic over <see cref="Window"/> at or below <see cref="MinShare"/> of its rate over the
/// <see cref="BaselineWindow"/> just before it. A silent integration is a broken one. The rule judges
/// only once the baseline holds at least <see cref="MinBaselineSamples"/> observations.
/// </summary>
/// <param name="Window">The current window.</param>
/// <param name="BaselineWindow">The window before it that sets the normal rate.</param>
/// <param name="MinShare">The share of the baseline rate in [0, 1], for example 0.1.</param>
/// <param name="MinBaselineSamples">Fewest observations in the baseline (default 1).</param>
public sealed record AbsenceCondition(TimeSpan Window, TimeSpan BaselineWindow, double MinShare, long MinBaselineSamples = 1) : RuleCondition
{
    /// <inheritdoc />
    public override TimeSpan Lookback => Window + BaselineWindow;

    internal override void Declare(SeriesLayoutBuilder layout)
    {
        layout.Window(Window);
        layout.Window(BaselineWindow, Window);
    }

    internal override Measurement Measure(SeriesWindow series, int filter, DateTimeOffset now)
    {
        var current = series.Counts(Window, now.UtcTicks, -1);
        var baseline = series.Counts(BaselineWindow, now.UtcTicks - Window.Ticks, -1);
        var currentRate = current.Samples / Window.TotalSeconds;
        var baselineRate = baseline.Samples / BaselineWindow.TotalSeconds;
        var share = baselineRate > 0 ? currentRate / baselineRate : 1;
        var active = baseline.Samples >= Math.Max(1, MinBaselineSamples) && share <= MinShare;
        return new Measurement(active, share, MinShare, Window, current.Samples, Baseline: baselineRate * Window.TotalSeconds,
            NoData: baseline.Samples == 0);
    }

    internal override string Describe(in Measurement m) => Text.Invariant(
        $"{m.Samples} observations over {Text.Span(m.Window)}, {Text.Percent(m.Value)} of the usual {Text.Number(Math.Round(m.Baseline ?? 0, 1))}, limit {Text.Percent(m.Threshold)}");
}
