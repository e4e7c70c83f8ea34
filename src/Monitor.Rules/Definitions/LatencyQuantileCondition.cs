using Monitor.Rules.Evaluation;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Definitions;

/// <summary>
/// A latency quantile over a window at or above a limit. Quantiles come from fixed log-scale buckets
/// (four per doubling), so they are exact to within about 19%; observations without a latency are not counted.
/// </summary>
/// <param name="Window">The window length.</param>
/// <param name="Quantile">The quantile in [0, 1], for example 0.99.</param>
/// <param name="Limit">The latency limit.</param>
/// <param name="MinSamples">Fewest latencies in the window for the rule to judge (default 1).</param>
public sealed record LatencyQuantileCondition(TimeSpan Window, double Quantile, TimeSpan Limit, long MinSamples = 1) : RuleCondition
{
    /// <inheritdoc />
    public override TimeSpan Lookback => Window;

    internal override void Declare(SeriesLayoutBuilder layout)
    {
        layout.Window(Window);
        layout.Latency();
    }

    internal override Measurement Measure(SeriesWindow series, int filter, DateTimeOffset now)
    {
        var (value, samples) = series.LatencyQuantile(Window, now.UtcTicks, Quantile);
        var active = samples >= Math.Max(1, MinSamples) && value >= Limit;
        return new Measurement(active, value.TotalSeconds, Limit.TotalSeconds, Window, samples, NoData: samples == 0);
    }

    internal override string Describe(in Measurement m) => Text.Invariant(
        $"p{Text.Number(Quantile * 100)} latency {Text.Span(TimeSpan.FromSeconds(m.Value))} over {Text.Span(m.Window)} ({m.Samples} requests), limit {Text.Span(Limit)}");
}
