using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Evaluation;

/// <summary>One (rule, series) pair: where the rule reads, and where its alert is in its lifecycle.</summary>
internal sealed class AlertSeries(AlertRule rule, SeriesWindow series, int filter)
{
    public AlertRule Rule { get; } = rule;

    public SeriesWindow Series { get; } = series;

    /// <summary>The rule's error filter in the series layout.</summary>
    public int Filter { get; } = filter;

    public string Fingerprint { get; } = Fingerprints.For(rule.Name, series.Signal);

    public AlertState State { get; set; }

    public DateTimeOffset ActiveSince { get; set; }

    public DateTimeOffset LastActive { get; set; }

    /// <summary>What the rule measured at the last evaluation; null until the first.</summary>
    public Measurement? Last { get; set; }
}
