using Monitor.Rules.Alerts;
using Monitor.Rules.Locations;

namespace Monitor.Rules.Definitions;

/// <summary>A named rule over one signal: a condition, a lifecycle and a classification.</summary>
/// <param name="Name">Unique rule name.</param>
/// <param name="Signal">The signal whose observations the rule reads.</param>
/// <param name="Condition">What must hold for the alert to be active.</param>
/// <param name="Severity">Severity of the alert.</param>
/// <param name="Category">Support category of the alert.</param>
/// <param name="For">How long the condition must hold before the alert fires (default zero: at once).</param>
/// <param name="KeepFiringFor">How long a firing alert keeps firing after the condition stops holding (default zero).</param>
public sealed record AlertRule(
    string Name,
    string Signal,
    RuleCondition Condition,
    Severity Severity,
    AlertCategory Category,
    TimeSpan For = default,
    TimeSpan KeepFiringFor = default)
{
    /// <summary>
    /// When set, the rule reads the target from every location (<c>TARGET@LOCATION</c>) and fires only when the
    /// quorum holds; a failure from fewer locations gives a major "unreachable from LOCATION" alert instead
    /// (severity at most major, no support category). Default null: the rule reads the plain signal only.
    /// </summary>
    public LocationQuorum? Quorum { get; init; }

    /// <summary>
    /// What a firing alert does when its condition has nothing to judge (an empty window after a restart, or traffic
    /// that stopped because Google paused the failing integration): keep firing (default) until figures show the
    /// recovery, or resolve as if the condition had cleared.
    /// </summary>
    public NoDataPolicy NoData { get; init; } = NoDataPolicy.Keep;

    /// <summary>The stable fingerprint of this rule's series.</summary>
    public string Fingerprint => Fingerprints.For(Name, Signal);
}

/// <summary>What a firing alert does while its condition has nothing to judge.</summary>
public enum NoDataPolicy
{
    /// <summary>Keeps firing: only figures that show the recovery resolve it.</summary>
    Keep,

    /// <summary>Resolves after <c>keepFiringFor</c>, as when the condition clears (Prometheus' behaviour).</summary>
    Resolve,
}
