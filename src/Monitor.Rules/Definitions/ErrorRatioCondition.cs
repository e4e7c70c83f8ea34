using Monitor.Rules.Evaluation;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Definitions;

/// <summary>
/// Error ratio over a window: active when failures / samples is at or above <see cref="Threshold"/>
/// and the minimums hold.
/// </summary>
/// <param name="Window">The window length.</param>
/// <param name="Threshold">Ratio in [0, 1].</param>
/// <param name="MinSamples">Fewest observations in the window for the rule to judge (default 1).</param>
/// <param name="MinErrors">Fewest counted failures (default 1).</param>
/// <param name="MinDistinctRestaurants">Fewest distinct restaurants among counted failures (default 0).</param>
/// <param name="IncludeErrorTypes">When not empty, only failures with one of these error types count.</param>
/// <param name="ExcludeErrorTypes">Failures with one of these error types do not count.</param>
/// <param name="Class">Which class of failure counts: every failure (default), infrastructure or business errors only.</param>
public sealed record ErrorRatioCondition(
    TimeSpan Window,
    double Threshold,
    long MinSamples = 1,
    long MinErrors = 1,
    int MinDistinctRestaurants = 0,
    IReadOnlyList<string>? IncludeErrorTypes = null,
    IReadOnlyList<string>? ExcludeErrorTypes = null,
    ErrorClass Class = ErrorClass.Any) : RuleCondition
{
    /// <inheritdoc />
    public override TimeSpan Lookback => Window;

    internal override ErrorFilter Filter => new(IncludeErrorTypes, ExcludeErrorTypes, Class);

    /// <summary>Whether a failure with this error type (or reason) counts for the rule.</summary>
    public bool Counts(string? errorType) => Filter.Counts(errorType ?? "unknown");

    internal override void Declare(SeriesLayoutBuilder layout)
    {
        layout.Window(Window);
        layout.Filter(Filter);
    }

    internal override Measurement Measure(SeriesWindow series, int filter, DateTimeOffset now)
    {
        var counts = series.Counts(Window, now.UtcTicks, filter);
        var judged = counts.Samples >= Math.Max(1, MinSamples)
            && counts.Failures >= Math.Max(1, MinErrors)
            && counts.Ratio >= Threshold;
        var distinct = -1;
        if (judged && MinDistinctRestaurants > 0)
        {
            distinct = series.DistinctRestaurants(Window, now.UtcTicks, filter);
            judged = distinct >= MinDistinctRestaurants;
        }

        return new Measurement(judged, counts.Ratio, Threshold, Window, counts.Samples, counts.Failures, distinct,
            CountsFailures: true, NoData: counts.Samples == 0);
    }

    private string ClassWord => Class switch
    {
        ErrorClass.Infrastructure => "infrastructure ",
        ErrorClass.Business => "business ",
        _ => "",
    };

    internal override string Describe(in Measurement m) => Text.Invariant(
        $"{ClassWord}error ratio {Text.Percent(m.Value)} ({m.Failures}/{m.Samples}) over {Text.Span(m.Window)}, threshold {Text.Percent(m.Threshold)}");
}
