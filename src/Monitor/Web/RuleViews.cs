using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Rules.Alerts;
using Monitor.Rules.Evaluation;

namespace Monitor.Web;

/// <summary>One rule as <c>/api/v1/rules</c> shows it: its settings, its overall state and every series it measures.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Signal">The signal it reads (a pattern for a rule with one series per matching signal).</param>
/// <param name="Kind">The condition kind, as in the config (<c>error-ratio</c>, <c>burn-rate</c>...).</param>
/// <param name="Severity">Severity of its alerts.</param>
/// <param name="Category">Support category of its alerts.</param>
/// <param name="Urgent">Critical and of an urgent category: an urgent case is opened.</param>
/// <param name="For">How long the condition must hold before the alert fires.</param>
/// <param name="KeepFiringFor">How long a firing alert keeps firing after the condition stops holding.</param>
/// <param name="State">The worst state among its series.</param>
/// <param name="Series">Every series measured at the last evaluation.</param>
internal sealed record RuleView(
    string Rule, string Signal, string Kind, string Severity, string Category, bool Urgent, string For, string KeepFiringFor, string State,
    IReadOnlyList<RuleSeriesView> Series);

/// <summary>One series of a rule at the last evaluation.</summary>
/// <param name="Signal">The series.</param>
/// <param name="State"><c>inactive</c>, <c>pending</c> or <c>firing</c>.</param>
/// <param name="Value">The value compared with the threshold; null while there is nothing to judge.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="Now">The figures in words.</param>
/// <param name="BurnRates">For a burn-rate rule, the burn rate per window (<c>1h</c>, <c>5m</c>...); null for a window without observations.</param>
internal sealed record RuleSeriesView(
    string Signal, string State, double? Value, double Threshold, string Now, IReadOnlyDictionary<string, double?>? BurnRates);

/// <summary>Builds the rule views from the evaluator's rules and its readings of the last evaluation.</summary>
internal static class RuleViews
{
    public static IReadOnlyList<RuleView> From(AlertEvaluator evaluator)
    {
        var readings = evaluator.Readings.ToLookup(r => r.Rule, StringComparer.Ordinal);
        return [.. evaluator.Rules.Select(rule => new RuleView(
            rule.Name, rule.Signal, RuleFactory.KindOf(rule.Condition), rule.Severity.ToName(), rule.Category.ToName(),
            AlertClassification.IsUrgent(rule.Severity, rule.Category), Duration.Format(rule.For), Duration.Format(rule.KeepFiringFor),
            evaluator.StateOf(rule).ToString().ToLowerInvariant(),
            [.. readings[rule.Name].Select(Series)]))];
    }

    private static RuleSeriesView Series(RuleReading r) => new(
        r.Signal, r.State.ToString().ToLowerInvariant(), double.IsNaN(r.Value) ? null : r.Value, r.Threshold, r.Describe(),
        r.BurnRates.Count == 0 ? null : r.BurnRates.ToDictionary(b => Duration.Format(b.Window), b => double.IsNaN(b.Rate) ? null : (double?)b.Rate));
}
