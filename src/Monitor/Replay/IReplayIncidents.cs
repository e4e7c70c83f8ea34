using Monitor.Rules.Alerts;

namespace Monitor.Replay;

/// <summary>The incidents and cases that a replay's alert transitions would have opened, kept in memory.</summary>
internal interface IReplayIncidents
{
    /// <summary>Applies the transitions of one evaluation at <paramref name="now"/> (none: time passed), in time order.</summary>
    void Apply(IReadOnlyList<AlertTransition> transitions, DateTimeOffset now);

    IReadOnlyList<ReplayIncident> Incidents { get; }

    IReadOnlyList<ReplayCase> Cases { get; }
}

/// <summary>An incident as the replay saw it.</summary>
internal sealed class ReplayIncident(string id, string problem, DateTimeOffset openedAt)
{
    public string Id { get; } = id;

    /// <summary>The problem the incident is about (for example <c>fulfillment</c>).</summary>
    public string Problem { get; } = problem;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    public DateTimeOffset? ResolvedAt { get; set; }

    public bool Urgent { get; set; }

    /// <summary>When it became urgent; null while it is not.</summary>
    public DateTimeOffset? UrgentAt { get; set; }

    public Severity Severity { get; set; } = Severity.Info;

    public AlertCategory Category { get; set; }

    /// <summary>Who would have been told first: <c>emergency</c>, <c>technical</c>, <c>digest</c> or <c>none</c>.</summary>
    public string Notify { get; set; } = "none";
}

/// <summary>A support case: <c>urgent</c> or <c>standard</c>, when it was opened as such, and when it would have been sent.</summary>
internal sealed record ReplayCase(string Kind, DateTimeOffset At, string IncidentId, DateTimeOffset? SubmittedAt = null);
