using Monitor.Configuration;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;

namespace Monitor.Alerting;

/// <summary>Checks rule options and turns them into <see cref="AlertRule"/>s.</summary>
internal static class RuleFactory
{
    public static readonly string[] Kinds = ["error-ratio"];

    public static void Validate(RuleOptions rule, string path, IReadOnlySet<string> signals, List<ConfigError> errors)
    {
        var check = new ConfigChecks(errors);
        if (string.IsNullOrWhiteSpace(rule.Signal))
        {
            check.Fail($"{path}:signal", "must not be empty");
        }
        else if (!signals.Contains(rule.Signal))
        {
            check.Fail($"{path}:signal", $"unknown signal '{rule.Signal}' (known: {string.Join(", ", signals.Order(StringComparer.Ordinal))})");
        }

        check.OneOf($"{path}:kind", rule.Kind, Kinds);
        check.PositiveDuration($"{path}:window", rule.Window);
        check.Duration($"{path}:for", rule.For);
        check.Duration($"{path}:keepFiringFor", rule.KeepFiringFor);
        if (double.IsNaN(rule.Threshold) || rule.Threshold is < 0 or > 1)
        {
            check.Fail($"{path}:threshold", $"{rule.Threshold} is not a ratio between 0 and 1");
        }

        if (rule.MinSamples < 0)
        {
            check.Fail($"{path}:minSamples", "must not be negative");
        }

        if (rule.MinErrors < 0)
        {
            check.Fail($"{path}:minErrors", "must not be negative");
        }

        if (rule.MinDistinctRestaurants < 0)
        {
            check.Fail($"{path}:minDistinctRestaurants", "must not be negative");
        }

        check.OneOf($"{path}:severity", rule.Severity, [.. AlertClassification.SeverityValues]);
        check.OneOf($"{path}:category", rule.Category, [.. AlertClassification.CategoryValues]);
    }

    public static AlertRule Create(RuleOptions rule)
    {
        AlertClassification.TryParseSeverity(rule.Severity, out var severity);
        AlertClassification.TryParseCategory(rule.Category, out var category);
        var condition = new ErrorRatioCondition(
            Duration.Parse(rule.Window), rule.Threshold, rule.MinSamples, rule.MinErrors, rule.MinDistinctRestaurants,
            rule.IncludeErrorTypes.Count > 0 ? rule.IncludeErrorTypes : null,
            rule.ExcludeErrorTypes.Count > 0 ? rule.ExcludeErrorTypes : null);
        return new AlertRule(rule.Name, rule.Signal, condition, severity ?? Severity.Major, category ?? AlertCategory.None,
            Duration.Parse(rule.For), Duration.Parse(rule.KeepFiringFor));
    }
}
