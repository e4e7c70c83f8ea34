using Monitor.Rules.Evaluation;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Definitions;

/// <summary>What a count-drop rule compares the latest gauge value with.</summary>
public enum CountDropReference
{
    /// <summary>The value recorded before the latest one.</summary>
    Previous = 0,

    /// <summary>The mean of the values recorded over the baseline window, the latest one excepted.</summary>
    Baseline = 1,
}

/// <summary>
/// A gauge (entities of a type, restaurants in the feed) falling: active when the latest value is below
/// the reference by at least <see cref="MaxDropShare"/> of the reference.
/// </summary>
/// <param name="MaxDropShare">The share in (0, 1], for example 0.2 for a fall of a fifth.</param>
/// <param name="Against">The reference (default the previous value).</param>
/// <param name="BaselineWindow">For <see cref="CountDropReference.Baseline"/>, the span averaged.</param>
public sealed record CountDropCondition(
    double MaxDropShare,
    CountDropReference Against = CountDropReference.Previous,
    TimeSpan BaselineWindow = default) : RuleCondition
{
    /// <inheritdoc />
    public override TimeSpan Lookback => Against == CountDropReference.Baseline ? BaselineWindow : TimeSpan.Zero;

    internal override void Declare(SeriesLayoutBuilder layout)
    {
        if (Against == CountDropReference.Baseline)
        {
            layout.Gauge(BaselineWindow);
        }
    }

    internal override Measurement Measure(SeriesWindow series, int filter, DateTimeOffset now)
    {
        var gauge = series.Gauge;
        if (gauge.LastAt is null)
        {
            return new Measurement(false, 0, MaxDropShare, BaselineWindow, NoData: true);
        }

        double reference;
        if (Against == CountDropReference.Previous)
        {
            if (gauge.PreviousAt is null)
            {
                return new Measurement(false, 0, MaxDropShare, BaselineWindow, Current: gauge.Last, NoData: true);
            }

            reference = gauge.Previous;
        }
        else
        {
            var (sum, count) = gauge.Total(now.UtcTicks, BaselineWindow);
            var latestInside = gauge.LastAt > now - BaselineWindow && gauge.LastAt <= now;
            if (latestInside)
            {
                (sum, count) = (sum - gauge.Last, count - 1);
            }

            if (count <= 0)
            {
                return new Measurement(false, 0, MaxDropShare, BaselineWindow, Current: gauge.Last, NoData: true);
            }

            reference = sum / count;
        }

        var drop = reference > 0 ? (reference - gauge.Last) / reference : 0;
        return new Measurement(MaxDropShare > 0 && drop >= MaxDropShare, drop, MaxDropShare, BaselineWindow,
            Baseline: reference, Current: gauge.Last);
    }

    internal override string Describe(in Measurement m) => Text.Invariant(
        $"fell {Text.Percent(m.Value)} from {Text.Number(m.Baseline ?? 0)} to {Text.Number(m.Current ?? 0)} ({(Against == CountDropReference.Previous ? "previous value" : "mean over " + Text.Span(BaselineWindow))}), limit {Text.Percent(m.Threshold)}");
}
