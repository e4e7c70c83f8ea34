using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Locations;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Evaluation;

public sealed partial class RuleEngine
{
    /// <summary>
    /// Samples, failures and distinct failing restaurants of a signal over the last
    /// <paramref name="window"/>, for status pages; null when no rule reads the signal or its buckets
    /// do not reach that far back. The window is read from the finest buckets that cover it.
    /// </summary>
    public WindowSummary? Summarize(string signal, TimeSpan window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return _series.TryGetValue(signal, out var series) ? series.Summarize(window, now.UtcTicks) : null;
    }

    private List<AlertSeries> AlertsOf(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var index = Array.IndexOf(_rules, rule);
        if (index < 0)
        {
            index = Array.FindIndex(_rules, r => r.Name == rule.Name);
        }

        return index < 0 ? throw new ArgumentException($"Rule '{rule.Name}' is not one of this engine's rules.", nameof(rule)) : _alerts[index];
    }

    /// <summary>The series for a signal, created with the layout all rules reading it need; null when no rule reads it.</summary>
    private SeriesWindow? SeriesFor(string signal)
    {
        if (_series.TryGetValue(signal, out var existing))
        {
            return existing;
        }

        if (_series.Count >= MaxSeries || _unread.Contains(signal))
        {
            return null;
        }

        var builder = new SeriesLayoutBuilder(_resolutionTicks);
        var matched = new List<int>();
        for (var i = 0; i < _rules.Length; i++)
        {
            if (SignalPattern.Matches(_rules[i].Signal, signal)
                || (_rules[i].Quorum is not null && LocationSignals.IsLocationOf(signal, _rules[i].Signal)))
            {
                _rules[i].Condition.Declare(builder);
                matched.Add(i);
            }
        }

        if (matched.Count == 0)
        {
            // Remember signals no rule reads (boundedly), so that their observations cost one lookup.
            if (_unread.Count < MaxSeries)
            {
                _unread.Add(signal);
            }

            return null;
        }

        var series = new SeriesWindow(signal, builder.Build());
        _series[signal] = series;
        var own = new List<AlertSeries>(matched.Count);
        foreach (var i in matched)
        {
            var filter = _rules[i].Condition.Filter is { } f ? series.FilterIndex(f.Key) : -1;
            var alert = new AlertSeries(_rules[i], series, filter);
            _alerts[i].Add(alert);
            own.Add(alert);
        }

        _alertsBySignal[signal] = own;

        return series;
    }
}
