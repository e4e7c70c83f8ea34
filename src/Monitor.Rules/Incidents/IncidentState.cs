using Monitor.Rules.Alerts;

namespace Monitor.Rules.Incidents;

/// <summary>Whether an incident is going on.</summary>
public enum IncidentPhase
{
    /// <summary>At least one of its alerts fires.</summary>
    Open,

    /// <summary>All of its alerts have resolved.</summary>
    Resolved,
}

/// <summary>A notice held back by maintenance or a silence, sent when the hold ends.</summary>
public enum HeldNotice
{
    /// <summary>Nothing is held.</summary>
    None,

    /// <summary>The incident opened while held: nobody has been told yet.</summary>
    Opening,

    /// <summary>The incident fired again while held.</summary>
    Reopened,

    /// <summary>The incident resolved while held.</summary>
    Resolved,
}

/// <summary>One alert series inside an incident.</summary>
/// <param name="Fingerprint">The series' identity (rule and signal).</param>
/// <param name="Rule">The rule.</param>
/// <param name="Signal">The signal.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="Category">The rule's category.</param>
/// <param name="Firing">True while it fires.</param>
/// <param name="Inhibited">True while another firing alert explains it: it is shown but tells nobody.</param>
/// <param name="Since">When its condition started to hold in this episode.</param>
/// <param name="UpdatedAt">Its last change.</param>
/// <param name="Summary">The figures in one line, as of its last change.</param>
/// <param name="Figures">The figures as the caller keeps them (opaque here).</param>
public sealed record IncidentAlert(
    string Fingerprint,
    string Rule,
    string Signal,
    Severity Severity,
    AlertCategory Category,
    bool Firing,
    bool Inhibited,
    DateTimeOffset Since,
    DateTimeOffset UpdatedAt,
    string Summary,
    string Figures)
{
    /// <summary>The level this alert gives its incident.</summary>
    public IncidentLevel Level => new(Severity, Category);

    /// <summary>True when it fires and is not inhibited: only such alerts set the level and tell anyone.</summary>
    public bool Counts => Firing && !Inhibited;
}

/// <summary>Which case an incident has, or is routed to.</summary>
public enum CaseKind
{
    /// <summary>No case.</summary>
    None,

    /// <summary>Standard technical support, queued for business hours.</summary>
    Standard,

    /// <summary>Urgent technical support.</summary>
    Urgent,
}

/// <summary>The words for case kinds, as stored, in JSON and in replay reports.</summary>
public static class CaseKinds
{
    public static string ToName(this CaseKind kind) => kind switch
    {
        CaseKind.Urgent => "urgent",
        CaseKind.Standard => "standard",
        _ => "none",
    };
}

/// <summary>Where a case stands.</summary>
public enum CasePhase
{
    /// <summary>Waiting for the confirmation delay or the next business hour.</summary>
    Pending,

    /// <summary>Written as an evidence bundle, not sent.</summary>
    Drafted,

    /// <summary>Sent to support.</summary>
    Submitted,

    /// <summary>The incident resolved after the case was drafted or submitted.</summary>
    Resolved,

    /// <summary>The incident resolved or was acknowledged before the case was due.</summary>
    Cancelled,
}

/// <summary>The one case of an incident.</summary>
/// <param name="Id">Its id, 0 until stored.</param>
/// <param name="Kind">Standard or urgent; a standard case becomes urgent when its incident does.</param>
/// <param name="Phase">Where it stands.</param>
/// <param name="CreatedAt">When it was opened.</param>
/// <param name="DueAt">When a pending case is to be submitted.</param>
/// <param name="SubmittedAt">When it was sent, if it was.</param>
/// <param name="ResolvedAt">When it was resolved, if it was.</param>
/// <param name="UpdatedAt">Its last change.</param>
public sealed record CaseState(
    long Id,
    CaseKind Kind,
    CasePhase Phase,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// One problem from first firing until resolved, with its alerts, what people have been told and its case.
/// A flap within the reopen window is a new episode of the same incident.
/// </summary>
public sealed record IncidentState
{
    /// <summary>Its id, 0 until stored.</summary>
    public long Id { get; init; }

    /// <summary>The grouping key: alerts with the same key share the incident.</summary>
    public required string Key { get; init; }

    /// <summary>The problem it is about, or null for an alert on its own.</summary>
    public string? Problem { get; init; }

    /// <summary>Open or resolved.</summary>
    public IncidentPhase Phase { get; init; }

    /// <summary>The worst level any counted alert reached in this episode.</summary>
    public IncidentLevel Level { get; init; }

    /// <summary>The level people were last told about; null while nobody has been told.</summary>
    public IncidentLevel? Announced { get; init; }

    /// <summary>The rule of the alert that sets the level (the headline).</summary>
    public string Rule { get; init; } = "";

    /// <summary>The signal of the headline alert.</summary>
    public string Signal { get; init; } = "";

    /// <summary>The fingerprint of the headline alert.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>The headline alert's figures in one line.</summary>
    public string Summary { get; init; } = "";

    /// <summary>When the incident first opened.</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>When the current episode's condition started to hold.</summary>
    public DateTimeOffset Since { get; init; }

    /// <summary>When it resolved, while resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Its last change.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>How many times it opened again after resolving; the episode number.</summary>
    public int Reopened { get; init; }

    /// <summary>When the current episode was acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Who acknowledged the current episode.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>1 until escalated to the level-2 contacts.</summary>
    public int EscalationLevel { get; init; } = 1;

    /// <summary>When the next reminder is due.</summary>
    public DateTimeOffset? NextReminderAt { get; init; }

    /// <summary>When the level-2 escalation is due.</summary>
    public DateTimeOffset? EscalateAt { get; init; }

    /// <summary>A notice waiting for a hold to end.</summary>
    public HeldNotice Held { get; init; }

    /// <summary>Its alerts, in the order they joined.</summary>
    public IReadOnlyList<IncidentAlert> Alerts { get; init; } = [];

    /// <summary>Its case, if one was opened.</summary>
    public CaseState? Case { get; init; }

    /// <summary>True once people were told (at once or through the digest).</summary>
    public bool Notified => Announced is not null;

    /// <summary>True when the current episode is acknowledged.</summary>
    public bool Acknowledged => AcknowledgedAt is not null;

    /// <summary>True while open.</summary>
    public bool IsOpen => Phase == IncidentPhase.Open;
}
