using System.Text.Json.Serialization;
using Monitor.Metrics;

namespace Monitor.Web;

/// <summary>Everything the status page and <c>/api/v1/status</c> show, taken at one moment.</summary>
/// <param name="Project">The configured project name.</param>
/// <param name="Version">The daemon's version.</param>
/// <param name="GeneratedAt">When the snapshot was taken.</param>
/// <param name="Overall"><c>ok</c>, <c>degraded</c> or <c>critical</c>.</param>
/// <param name="LastEvaluation">When the rules were last evaluated, or null before the first evaluation.</param>
/// <param name="Maintenance">The active maintenance window, if any.</param>
/// <param name="Alerts">Every rule with its state, firing first.</param>
/// <param name="Signals">Every target and signal with its state.</param>
/// <param name="Incidents">Open incidents.</param>
/// <param name="Cases">Recent support cases.</param>
/// <param name="RecentTransitions">The latest alert transitions, newest first.</param>
internal sealed record StatusSnapshot(
    string Project,
    string Version,
    DateTimeOffset GeneratedAt,
    string Overall,
    DateTimeOffset? LastEvaluation,
    MaintenanceView? Maintenance,
    IReadOnlyList<AlertView> Alerts,
    IReadOnlyList<SignalView> Signals,
    IReadOnlyList<IncidentView> Incidents,
    IReadOnlyList<CaseView> Cases,
    IReadOnlyList<TransitionView> RecentTransitions)
{
    /// <summary>True when the status source failed; incidents, maintenance and cases are then empty.</summary>
    public bool IncidentsUnavailable { get; init; }
}

/// <summary>One rule and its alert state.</summary>
/// <param name="Rule">The rule name.</param>
/// <param name="Signal">The signal it reads.</param>
/// <param name="State"><c>inactive</c>, <c>pending</c> or <c>firing</c>.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="Category">The rule's support category.</param>
/// <param name="Urgent">Critical and of an urgent category.</param>
/// <param name="Since">Pending or firing: when the condition started to hold. Inactive: when it last resolved, if ever.</param>
/// <param name="Summary">The figures at the last transition, if any.</param>
internal sealed record AlertView(string Rule, string Signal, string State, string Severity, string Category, bool Urgent, DateTimeOffset? Since, string? Summary)
{
    /// <summary>The figures at the last evaluation, in words (for a pattern rule: its worst series, named); null before the first.</summary>
    public string? Now { get; init; }

    /// <summary>The value compared with the threshold at the last evaluation; null before it or while there is nothing to judge.</summary>
    public double? Value { get; init; }

    /// <summary>The threshold the value is compared with; null before the first evaluation.</summary>
    public double? Threshold { get; init; }
}

/// <summary>One target or signal with its recent figures.</summary>
/// <param name="Name">Target or signal name.</param>
/// <param name="Kind"><c>http</c> or <c>feed</c> for a probed target, <c>ingested</c> for reported traffic, <c>feed figures</c>
/// for counts from feed runs, <c>gauge</c> for a value only rules read (a certificate's days left, a feed's publication time).</param>
/// <param name="State"><c>ok</c>, <c>degraded</c>, <c>down</c> or <c>unknown</c> (no data yet).</param>
/// <param name="AlertState">The worst state among the rules that read it: <c>inactive</c>, <c>pending</c>, <c>firing</c>, or <c>none</c> when no rule reads it.</param>
/// <param name="Samples">Observations in the last 15 minutes.</param>
/// <param name="Failures">Failures among them.</param>
/// <param name="ErrorRatio">Failures over samples in the last 15 minutes.</param>
/// <param name="LastSeen">When the signal last had an observation in the history.</param>
/// <param name="LastProbe">For a probed target, its last result.</param>
internal sealed record SignalView(
    string Name,
    string Kind,
    string State,
    string AlertState,
    long Samples,
    long Failures,
    double ErrorRatio,
    DateTimeOffset? LastSeen,
    TargetView? LastProbe)
{
    /// <summary>One point per minute over the charted span, for the page's charts.</summary>
    [JsonIgnore]
    public IReadOnlyList<MinutePoint> History { get; init; } = [];

    /// <summary>For a gauge: what the first rule reading it measured at the last evaluation, in words.</summary>
    public string? Reading { get; init; }
}

/// <summary>A probed target and its last run.</summary>
/// <param name="Name">Target name.</param>
/// <param name="Kind"><c>http</c> or <c>feed</c>.</param>
/// <param name="State"><c>up</c>, <c>down</c> or <c>unknown</c> before the first run.</param>
/// <param name="LastRun">When the last run started.</param>
/// <param name="DurationSeconds">How long it took.</param>
/// <param name="Reason">For a failure, the named reason.</param>
/// <param name="Detail">A sentence about the result (no secrets).</param>
/// <param name="StatusCode">HTTP status, when there was an answer.</param>
/// <param name="ErrorType">Business error type found in the answer, if any.</param>
/// <param name="Attempts">Attempts made.</param>
internal sealed record TargetView(
    string Name,
    string Kind,
    string State,
    DateTimeOffset? LastRun,
    double? DurationSeconds,
    string? Reason,
    string? Detail,
    int? StatusCode,
    string? ErrorType,
    int? Attempts);

/// <summary>One recent alert transition.</summary>
internal sealed record TransitionView(string Rule, string Signal, string Kind, DateTimeOffset At, string Severity, string Category, string Summary);
