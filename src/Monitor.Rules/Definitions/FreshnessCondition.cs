using Monitor.Rules.Evaluation;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Definitions;

/// <summary>What a freshness rule measures the age of.</summary>
public enum FreshnessSource
{
    /// <summary>The last successful observation of the series.</summary>
    LastSuccess = 0,

    /// <summary>The series' gauge, read as a Unix time in seconds (for example a feed's <c>marker.txt</c> or Last-Modified).</summary>
    GaugeTimestamp = 1,
}

/// <summary>
/// Freshness: active when the age of the last success (or of the time a gauge holds) is at least
/// <see cref="MaxAge"/>. A series that never had one is aged from when it was first seen, so a silent
/// series does alert.
/// </summary>
/// <param name="MaxAge">The largest acceptable age.</param>
/// <param name="Source">What is aged (default the last success).</param>
public sealed record FreshnessCondition(TimeSpan MaxAge, FreshnessSource Source = FreshnessSource.LastSuccess) : RuleCondition
{
    /// <inheritdoc />
    public override TimeSpan Lookback => TimeSpan.Zero;

    internal override void Declare(SeriesLayoutBuilder layout)
    {
    }

    internal override Measurement Measure(SeriesWindow series, int filter, DateTimeOffset now)
    {
        var reference = Source switch
        {
            FreshnessSource.GaugeTimestamp when series.Gauge.LastAt is not null =>
                DateTimeOffset.FromUnixTimeMilliseconds((long)(series.Gauge.Last * 1000)),
            FreshnessSource.LastSuccess when series.LastSuccess is { } success => success,
            _ => series.FirstSeen,
        };
        if (reference is not { } since)
        {
            return new Measurement(false, 0, MaxAge.TotalSeconds, MaxAge, NoData: true);
        }

        var age = now - since;
        return new Measurement(age >= MaxAge, age.TotalSeconds, MaxAge.TotalSeconds, MaxAge);
    }

    internal override string Describe(in Measurement m) => Text.Invariant(
        $"{(Source == FreshnessSource.LastSuccess ? "last success" : "timestamp")} is {Text.Span(TimeSpan.FromSeconds(Math.Round(m.Value)))} old, limit {Text.Span(MaxAge)}");
}
