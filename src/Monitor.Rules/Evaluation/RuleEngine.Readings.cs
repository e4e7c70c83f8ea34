using Monitor.Rules.Definitions;

namespace Monitor.Rules.Evaluation;

public sealed partial class RuleEngine
{
    private DateTimeOffset? _lastEvaluation;

    /// <summary>When <see cref="Evaluate(DateTimeOffset)"/> last ran, if it has.</summary>
    public DateTimeOffset? LastEvaluation => _lastEvaluation;

    /// <summary>
    /// What every rule measured on each of its series at the last <see cref="Evaluate(DateTimeOffset)"/>, in rule order,
    /// whether or not the alert changed state. Empty before the first evaluation. Burn rates are read at
    /// the time of that evaluation, with the rule's error filters.
    /// </summary>
    public IReadOnlyList<RuleReading> Readings() => _lastEvaluation is { } at ? AllReadings(at) : [];

    /// <summary>
    /// What the rules measured on the series of <paramref name="signal"/> at their last evaluation, in rule order, with
    /// burn rates read at <paramref name="at"/>: the readings an <see cref="Evaluate(DateTimeOffset, string)"/> changed.
    /// </summary>
    public IReadOnlyList<RuleReading> Readings(string signal, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!_alertsBySignal.TryGetValue(signal, out var own))
        {
            return [];
        }

        // The series' own alerts, already in rule order: one lookup, not a scan of every rule's alerts per probe.
        var readings = new List<RuleReading>(own.Count);
        foreach (var alert in own)
        {
            Read(alert, at, readings);
        }

        return readings;
    }

    private List<RuleReading> AllReadings(DateTimeOffset at)
    {
        var readings = new List<RuleReading>();
        for (var i = 0; i < _rules.Length; i++)
        {
            foreach (var alert in _alerts[i])
            {
                Read(alert, at, readings);
            }
        }

        return readings;
    }

    private static void Read(AlertSeries alert, DateTimeOffset at, List<RuleReading> readings)
    {
        if (alert.Last is not { } m)
        {
            // Created by an observation after the last evaluation: not measured yet.
            return;
        }

        var rule = alert.Rule;
        IReadOnlyList<WindowBurnRate> rates = [];
        if (rule.Condition is BurnRateCondition burn)
        {
            var list = new List<WindowBurnRate>(burn.Windows.Count * 2);
            burn.BurnRates(alert.Series, alert.Filter, at, list);
            rates = list;
        }

        readings.Add(new RuleReading(rule.Name, alert.Series.Signal, alert.State, m.NoData ? double.NaN : m.Value, m.Threshold, rates)
        {
            Condition = rule.Condition,
            Measurement = m,
        });
    }
}
