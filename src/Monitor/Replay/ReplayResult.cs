using Monitor.Rules.Alerts;
using Monitor.Rules.Google;

namespace Monitor.Replay;

/// <summary>A refused input line: where, and why.</summary>
internal sealed record InputProblem(string Source, long Line, string Kind, string Message);

/// <summary>One firing of one alert series, from when it fired to when it resolved (null: still firing at the end).</summary>
internal sealed record AlertFiring(DateTimeOffset At, DateTimeOffset? ResolvedAt);

/// <summary>What one alert series (rule on a signal) did during the replay.</summary>
internal sealed class AlertHistory(string rule, string signal, Severity severity, AlertCategory category)
{
    public string Rule { get; } = rule;

    public string Signal { get; } = signal;

    public Severity Severity { get; } = severity;

    public AlertCategory Category { get; } = category;

    public bool Urgent => AlertClassification.IsUrgent(Severity, Category);

    public List<AlertFiring> Firings { get; } = [];
}

/// <summary>One line of the timeline, in time order.</summary>
internal sealed record TimelineEvent(DateTimeOffset At, string Kind, string Text);

/// <summary>The lead of an urgent alert's first firing over Google's alert on the same action.</summary>
/// <param name="Lead">Google's time minus the alert's (positive: sooner than Google); null when Google's alert never fires.</param>
internal sealed record AlertLead(string Rule, string Signal, DateTimeOffset FiredAt, GoogleAlert Google, DateTimeOffset? GoogleFiresAt, TimeSpan? Lead);

/// <summary>Counts of the input lines.</summary>
internal sealed class InputCounts
{
    public long Lines { get; set; }

    public long Replayed { get; set; }

    public long Malformed { get; set; }

    public long OutOfOrder { get; set; }

    public long OutsideRange { get; set; }

    public DateTimeOffset? First { get; set; }

    public DateTimeOffset? Last { get; set; }
}

/// <summary>Everything a replay found.</summary>
internal sealed record ReplayResult(
    InputCounts Input,
    IReadOnlyList<InputProblem> Problems,
    IReadOnlyList<AlertHistory> Alerts,
    IReadOnlyList<ReplayIncident> Incidents,
    IReadOnlyList<ReplayCase> Cases,
    IReadOnlyList<(GoogleAlert Alert, DateTimeOffset? FiresAt)> Google,
    IReadOnlyList<AlertLead> Leads,
    IReadOnlyList<TimelineEvent> Timeline);
