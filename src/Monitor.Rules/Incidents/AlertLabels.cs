using Monitor.Rules.Alerts;

namespace Monitor.Rules.Incidents;

/// <summary>What matchers see of an alert.</summary>
/// <param name="Rule">The rule name.</param>
/// <param name="Signal">The signal (series) name.</param>
/// <param name="Target">The probe target the signal belongs to, or empty for traffic and other signals.</param>
/// <param name="Category">The rule's category.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="Problem">The problem it belongs to, or empty.</param>
public sealed record AlertLabels(string Rule, string Signal, string Target, AlertCategory Category, Severity Severity, string Problem = "")
{
    /// <summary>The value of a label by its configuration name (<c>rule</c>, <c>signal</c>, <c>target</c>, <c>category</c>, <c>severity</c>, <c>problem</c>); null for an unknown name.</summary>
    public string? Get(string name) => name.ToLowerInvariant() switch
    {
        "rule" => Rule,
        "signal" => Signal,
        "target" => Target,
        "category" => Category.ToName(),
        "severity" => Severity.ToName(),
        "problem" => Problem,
        _ => null,
    };

    /// <summary>The label names matchers and <c>equal</c> lists may use.</summary>
    public static IReadOnlyList<string> Names { get; } = ["rule", "signal", "target", "category", "severity", "problem"];
}

/// <summary>Globs on an alert's labels; every non-empty list must match, an empty matcher matches anything.</summary>
/// <param name="Rules">Rule globs.</param>
/// <param name="Signals">Signal globs.</param>
/// <param name="Targets">Target globs.</param>
/// <param name="Categories">Category names.</param>
/// <param name="Severities">Severity names.</param>
public sealed record AlertMatcher(
    IReadOnlyList<string> Rules,
    IReadOnlyList<string> Signals,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Severities)
{
    /// <summary>Matches anything.</summary>
    public static AlertMatcher Any { get; } = new([], [], [], [], []);

    /// <summary>True when no list is set.</summary>
    public bool IsEmpty => Rules.Count + Signals.Count + Targets.Count + Categories.Count + Severities.Count == 0;

    /// <summary>True when every set list matches the alert.</summary>
    public bool Matches(AlertLabels alert) =>
        Glob.AnyMatch(Rules, alert.Rule)
        && Glob.AnyMatch(Signals, alert.Signal)
        && (Targets.Count == 0 || (alert.Target.Length > 0 && Glob.AnyMatch(Targets, alert.Target)))
        && Glob.AnyMatch(Categories, alert.Category.ToName())
        && Glob.AnyMatch(Severities, alert.Severity.ToName());
}
