namespace Monitor.Rules.Incidents;

/// <summary>What an incident message says.</summary>
public enum NoticeKind
{
    /// <summary>A problem started.</summary>
    Firing,

    /// <summary>A resolved problem is broken again (a new episode of the same incident).</summary>
    Reopened,

    /// <summary>A worse alert joined: the incident is at a worse level than people were told.</summary>
    Escalated,

    /// <summary>Still firing and not acknowledged.</summary>
    Reminder,

    /// <summary>Still not acknowledged after the escalation delay: the level-2 contacts are added.</summary>
    LevelTwo,

    /// <summary>Somebody acknowledged it.</summary>
    Acknowledged,

    /// <summary>All of its alerts resolved.</summary>
    Resolved,
}

/// <summary>What happened to a case, for its timeline line, its evidence bundle and its messages.</summary>
public enum CaseUpdate
{
    /// <summary>Waiting for the confirmation delay or business hours.</summary>
    Pending,

    /// <summary>Written as evidence only.</summary>
    Drafted,

    /// <summary>Sent to support.</summary>
    Submitted,

    /// <summary>A standard case became urgent (a follow-up on its thread when it was already sent).</summary>
    Urgent,

    /// <summary>The problem is broken again (a follow-up on its thread when it was already sent).</summary>
    BrokenAgain,

    /// <summary>The incident resolved.</summary>
    Resolved,

    /// <summary>Not needed any more before it was due (resolved or acknowledged).</summary>
    Cancelled,
}

/// <summary>Something the daemon must do after a lifecycle step, in the same transaction.</summary>
public abstract record IncidentEffect;

/// <summary>A line for the incident's timeline.</summary>
/// <param name="Kind">A short word (<c>opened</c>, <c>alert</c>, <c>held</c>...).</param>
/// <param name="Text">The line.</param>
public sealed record Noted(string Kind, string Text) : IncidentEffect;

/// <summary>An incident message to the people <paramref name="Route"/> names, in the incident's thread.</summary>
/// <param name="Kind">What it says.</param>
/// <param name="Route">Who is told.</param>
/// <param name="EscalationLevel">2 adds the level-2 contacts.</param>
public sealed record NoticeDue(NoticeKind Kind, Route Route, int EscalationLevel) : IncidentEffect;

/// <summary>An entry for the digest of minor incidents.</summary>
/// <param name="Kind">Firing, escalated or resolved.</param>
public sealed record DigestDue(NoticeKind Kind) : IncidentEffect;

/// <summary>The case changed: write its timeline line (when <paramref name="Note"/>) and evidence bundle, and send it when <paramref name="Send"/>.</summary>
/// <param name="Update">What changed.</param>
/// <param name="Send">True to e-mail or post it to support (the first submission or a follow-up on its thread).</param>
/// <param name="Note">True to write a timeline line.</param>
public sealed record CaseChanged(CaseUpdate Update, bool Send, bool Note = true) : IncidentEffect;

/// <summary>The new state of an incident and what must be done about it.</summary>
/// <param name="State">The incident after the step.</param>
/// <param name="Effects">In order.</param>
public sealed record IncidentDecision(IncidentState State, IReadOnlyList<IncidentEffect> Effects);
