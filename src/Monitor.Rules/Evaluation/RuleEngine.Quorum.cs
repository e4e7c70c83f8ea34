using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Locations;

namespace Monitor.Rules.Evaluation;

public sealed partial class RuleEngine
{
    /// <summary>
    /// A quorum rule: the condition is measured on each location's series; the rule's own alert (on the plain
    /// signal) is active while the quorum holds; each location's alert is active while that location fails and the
    /// quorum does not hold, so one outage gives one alert: the quorum's, or "unreachable from" for each location.
    /// </summary>
    private void EvaluateQuorum(int index, DateTimeOffset now, ref List<AlertTransition>? transitions)
    {
        var rule = _rules[index];
        var quorum = rule.Quorum!;
        AlertSeries? group = null;
        var locations = new List<(AlertSeries Alert, string Location, Measurement Measurement, bool Stale)>();
        foreach (var alert in _alerts[index])
        {
            alert.Series.FirstSeen ??= now;
            if (!LocationSignals.TrySplit(alert.Series.Signal, out _, out var location) || alert.Series.Signal == rule.Signal)
            {
                group = alert;
                continue;
            }

            var m = rule.Condition.Measure(alert.Series, alert.Filter, now);
            alert.Last = m;
            // A gauge (a certificate's days left, a feed count) is fresh by its own last value.
            var seen = alert.Series.Gauge.LastAt is { } gaugeAt && (alert.Series.LastObservation is not { } observed || gaugeAt > observed)
                ? gaugeAt
                : alert.Series.LastObservation;
            locations.Add((alert, location, m, quorum.IsStale(seen, now)));
        }

        var decision = quorum.Decide([.. locations.Select(l => new LocationView(l.Location, l.Measurement.Active, l.Stale))]);
        if (group is not null)
        {
            StepGroup(group, decision, locations, now, ref transitions);
        }

        var locationRule = rule.For >= quorum.ConfirmFor ? rule : rule with { For = quorum.ConfirmFor };
        foreach (var (alert, location, m, stale) in locations)
        {
            var active = m.Active && !stale && !decision.Met;
            if (AlertLifecycle.Step(locationRule, alert, active, now) is { } kind)
            {
                var transition = Transition(alert, kind, m, now);
                (transitions ??= []).Add(transition with
                {
                    Severity = rule.Severity > Severity.Major ? Severity.Major : rule.Severity,
                    Category = AlertCategory.None,
                    Summary = $"unreachable from {location}: {transition.Summary}",
                });
            }
        }
    }

    private void StepGroup(
        AlertSeries group, QuorumDecision decision, List<(AlertSeries Alert, string Location, Measurement Measurement, bool Stale)> locations,
        DateTimeOffset now, ref List<AlertTransition>? transitions)
    {
        var rule = group.Rule;
        var quorum = rule.Quorum!;
        long samples = 0, failures = 0;
        var window = rule.Condition.Lookback;
        string? detail = null;
        foreach (var (_, location, m, stale) in locations)
        {
            if (stale)
            {
                continue;
            }

            samples += m.Samples;
            failures += m.Failures;
            window = m.Window;
            if (m.Active && detail is null)
            {
                detail = $"{location}: {rule.Condition.Describe(m)}";
            }
        }

        var threshold = quorum.LocationShare ?? (quorum.MinLocations ?? 1);
        var value = quorum.LocationShare is null ? decision.Failing.Count : decision.FailingShare;
        var measurement = new Measurement(decision.Met, value, threshold, window, samples, failures, 0, NoData: decision.Fresh == 0);
        group.Last = measurement;
        if (AlertLifecycle.Step(rule, group, decision.Met, now, measurement.NoData) is not { } kind)
        {
            return;
        }

        var figures = new AlertFigures(value, threshold, samples, failures, 0, window, [], []);
        var failing = decision.Failing.Count == 0 ? "none" : string.Join(", ", decision.Failing);
        var summary = Text.Invariant(
            $"failing from {decision.Failing.Count} of {decision.Fresh} locations ({failing}), quorum {quorum.Describe()}")
            + (detail is null ? "" : "; " + detail)
            + (decision.Stale.Count == 0 ? "" : "; stale: " + string.Join(", ", decision.Stale));
        (transitions ??= []).Add(new AlertTransition(group.Fingerprint, rule.Name, rule.Signal, kind, now, group.ActiveSince,
            rule.Severity, rule.Category, figures, summary));
    }
}
