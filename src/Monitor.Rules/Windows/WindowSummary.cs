namespace Monitor.Rules.Windows;

/// <summary>Counts over a span of a signal's history (every failure counted), for status pages.</summary>
/// <param name="Samples">Observations in the span.</param>
/// <param name="Failures">Failures counted by the filter.</param>
/// <param name="DistinctRestaurants">Distinct restaurants among counted failures.</param>
public readonly record struct WindowSummary(long Samples, long Failures, int DistinctRestaurants)
{
    /// <summary>Failures over samples; zero for an empty span.</summary>
    public double Ratio => Samples == 0 ? 0 : (double)Failures / Samples;
}
