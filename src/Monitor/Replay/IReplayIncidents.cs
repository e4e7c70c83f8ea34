using Monitor.Rules.Alerts;

namespace Monitor.Replay;

/// <summary>
/// The incidents and cases that a replay's alert transitions would have opened, kept in memory. One
/// implementation groups by problem here; the incident layer's own lifecycle can take its place.
/// </summary>
internal interface IReplayIncidents
{
    /// <summary>Applies one alert transition, in time order.</summary>
    void Apply(AlertTransition transition);

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

    /// <summary>Who would have been told first: <c>emergency</c>, <c>technical</c> or <c>digest</c>.</summary>
    public string Notify => Urgent ? "emergency" : Severity >= Severity.Major ? "technical" : "digest";
}

/// <summary>A support case: <c>urgent</c> or <c>standard</c>, and when it would have been opened as such.</summary>
internal sealed record ReplayCase(string Kind, DateTimeOffset At, string IncidentId);
