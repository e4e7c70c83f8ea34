using Monitor.Rules.Evaluation;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Definitions;

/// <summary>
/// A gauge against a limit: active when the series' last gauge value is below (or above) <see cref="Limit"/>,
/// for example a TLS certificate's days left below 14. A series with no gauge value yet is not active.
/// </summary>
/// <param name="Limit">The limit.</param>
/// <param name="Below">True: active when the value is below the limit; false: when it is above.</param>
/// <param name="Unit">What the value counts, for messages (for example <c>days</c>); none by default.</param>
public sealed record GaugeLimitCondition(double Limit, bool Below = true, string? Unit = null) : RuleCondition
{
    /// <inheritdoc />
    public override TimeSpan Lookback => TimeSpan.Zero;

    internal override void Declare(SeriesLayoutBuilder layout)
    {
    }

    internal override Measurement Measure(SeriesWindow series, int filter, DateTimeOffset now)
    {
        if (series.Gauge.LastAt is null)
        {
            return new Measurement(false, 0, Limit, TimeSpan.Zero, NoData: true);
        }

        var value = series.Gauge.Last;
        return new Measurement(Below ? value < Limit : value > Limit, value, Limit, TimeSpan.Zero);
    }

    internal override string Describe(in Measurement m)
    {
        var unit = string.IsNullOrWhiteSpace(Unit) ? "" : " " + Unit.Trim();
        return Text.Invariant($"value {m.Value:0.###}{unit}, limit: {(Below ? "at least" : "at most")} {Limit:0.###}{unit}");
    }
}
