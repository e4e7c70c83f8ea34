namespace Monitor.Rules.Incidents;

/// <summary>
/// One step of the lifecycle: the incident's state as the event changes it, and the effects in order. The case's
/// part is <see cref="IncidentCases"/>; this decides who is told what, and when reminders and escalation fall due.
/// </summary>
internal sealed class IncidentStep(IncidentState state, IncidentPolicy policy, IncidentContext context)
{
    private readonly List<IncidentEffect> _effects = [];

    private IncidentState S { get; set; } = state;

    private DateTimeOffset Now => context.Now;

    public IncidentDecision Done() => new(S with { UpdatedAt = Now }, _effects);

    /// <summary>The first alert of a new incident; <see cref="Inform"/> tells people once every alert of the moment has joined.</summary>
    public void Open(IncidentAlert alert)
    {
        Note("opened", $"Opened: {Describe(alert)} firing ({alert.Summary})");
        if (alert.Inhibited)
        {
            Note("inhibited", $"{Describe(alert)} is inhibited: shown, but nobody is told");
        }
    }

    public void Join(IncidentAlert alert)
    {
        var existing = IncidentMembers.Find(S, alert.Fingerprint);
        var since = existing is { Firing: true } ? existing.Since : alert.Since;
        S = IncidentMembers.Put(S, alert with { Since = since == default ? Now : since });
        if (alert.Inhibited)
        {
            if (existing is not { Firing: true, Inhibited: true })
            {
                Note("inhibited", $"{Describe(alert)} firing, inhibited: shown, but nobody is told ({alert.Summary})");
            }

            return;
        }

        if (existing is not { Counts: true })
        {
            Note("alert", $"{Describe(alert)} joined: {alert.Summary}");
        }

        S = IncidentMembers.Headline(S);
    }

    public void Reopen(IncidentAlert alert)
    {
        S = S with
        {
            Phase = IncidentPhase.Open,
            ResolvedAt = null,
            Reopened = S.Reopened + 1,
            Since = alert.Since == default ? Now : alert.Since,
            AcknowledgedAt = null,
            AcknowledgedBy = null,
            EscalationLevel = 1,
            Level = alert.Level,
            Rule = alert.Rule,
            Signal = alert.Signal,
            Fingerprint = alert.Fingerprint,
            Summary = alert.Summary,
        };
        S = IncidentMembers.Put(S, alert);
        Note("reopened", $"Broken again (episode {S.Reopened + 1}): {Describe(alert)} ({alert.Summary})");
    }

    /// <summary>After <see cref="Reopen"/> and the joins of the same moment: the case and the people hear that it is broken again.</summary>
    public void TellReopened()
    {
        if (!S.Alerts.Any(a => a.Counts))
        {
            return;
        }

        if (S.Held == HeldNotice.Resolved)
        {
            // People were never told it resolved: from their side it is the same firing incident.
            S = S with { Held = HeldNotice.None };
            Apply(IncidentCases.Revive(S.Case, send: false, policy, context));
            return;
        }

        if (context.Held)
        {
            S = S with { Held = S.Notified ? HeldNotice.Reopened : HeldNotice.Opening };
            Note("held", $"Notifications held: {context.HoldReason}");
            Apply(IncidentCases.Revive(S.Case, send: false, policy, context));
            return;
        }

        if (!S.Notified)
        {
            Apply(IncidentCases.Revive(S.Case, send: false, policy, context));
            Announce();
            return;
        }

        BrokenAgain();
    }

    public void Recover(IncidentAlert alert)
    {
        var member = IncidentMembers.Find(S, alert.Fingerprint);
        if (member is null)
        {
            return;
        }

        S = IncidentMembers.Put(S, member with { Firing = false, Inhibited = false, UpdatedAt = Now, Summary = alert.Summary, Figures = alert.Figures });
        if (!member.Counts)
        {
            return;
        }

        if (S.Alerts.Any(a => a.Counts))
        {
            Note("alert", $"{Describe(member)} recovered; other alerts still firing");
            return;
        }

        if (S.Alerts.Any(a => a.Firing))
        {
            // Only inhibited alerts are left: what explains them belongs to another incident.
            Note("alert", $"{Describe(member)} recovered; the alerts still firing are inhibited");
        }

        ResolveIncident(member);
    }

    public void Quiet(IncidentAlert alert, string by)
    {
        var member = IncidentMembers.Find(S, alert.Fingerprint);
        if (member is not { Counts: true })
        {
            return;
        }

        S = IncidentMembers.Put(S, member with { Inhibited = true, UpdatedAt = Now });
        Note("inhibited", $"{Describe(member)} inhibited by {by}: shown, but nobody is told");
        if (!S.Alerts.Any(a => a.Counts))
        {
            ResolveIncident(member);
        }
    }

    public void Acknowledge(string by, string via, string? comment)
    {
        S = S with { AcknowledgedAt = Now, AcknowledgedBy = by, NextReminderAt = null, EscalateAt = null };
        Note("acknowledged", $"Acknowledged by {by} via {via}{(string.IsNullOrWhiteSpace(comment) ? "" : ": " + comment)}");
        if (S.IsOpen && S.Notified && S.Held == HeldNotice.None && !context.Held && AnnouncedRoute().NotifiesAtOnce)
        {
            Notice(NoticeKind.Acknowledged, AnnouncedRoute());
        }
    }

    private void ResolveIncident(IncidentAlert last)
    {
        S = S with { Phase = IncidentPhase.Resolved, ResolvedAt = Now, NextReminderAt = null, EscalateAt = null };
        Note("resolved", $"Resolved: {Describe(last)} ({last.Summary})");
        Apply(IncidentCases.Close(S.Case, Now));
        switch (S.Held)
        {
            case HeldNotice.Opening or HeldNotice.Reopened:
                // Started (again) and ended while held: nothing is released.
                S = S with { Held = HeldNotice.None };
                Note("dropped", "Resolved while notifications were held: nothing is sent");
                break;
            case HeldNotice.None when S.Notified:
                if (context.Held)
                {
                    S = S with { Held = HeldNotice.Resolved };
                    Note("held", $"Resolved notice held: {context.HoldReason}");
                }
                else
                {
                    SendResolved();
                }

                break;
        }
    }

    /// <summary>Tells people of the current level: announces it, or escalates when it is worse than what they were told.</summary>
    public void Inform()
    {
        if (!S.IsOpen || S.Held != HeldNotice.None || !S.Alerts.Any(a => a.Counts))
        {
            return;
        }

        if (context.Held)
        {
            if (!S.Notified)
            {
                S = S with { Held = HeldNotice.Opening };
                Note("held", $"Notifications held: {context.HoldReason}");
            }

            return;
        }

        if (S.Announced is not { } told)
        {
            Announce();
        }
        else if (S.Level.IsWorseThan(told))
        {
            Escalate(told);
        }
    }

    private void Announce()
    {
        var route = policy.Routes.Resolve(S.Level);
        Apply(IncidentCases.For(S.Case, route, policy, context));
        if (route.Digest)
        {
            _effects.Add(new DigestDue(NoticeKind.Firing));
            Note("digest", "Added to the next digest");
            S = S with { Announced = S.Level };
        }
        else if (route.NotifiesAtOnce && policy.HasContacts)
        {
            RestartTimers();
            Notice(S.Reopened > 0 ? NoticeKind.Reopened : NoticeKind.Firing, route);
            S = S with { Announced = S.Level };
        }
    }

    private void Escalate(IncidentLevel told)
    {
        var route = policy.Routes.Resolve(S.Level);
        Note("escalated", $"Escalated from {told} to {S.Level}: {S.Rule} on {S.Signal}");
        Apply(IncidentCases.For(S.Case, route, policy, context));
        if (route.Digest)
        {
            _effects.Add(new DigestDue(NoticeKind.Escalated));
            S = S with { Announced = S.Level };
        }
        else if (route.NotifiesAtOnce && policy.HasContacts)
        {
            RestartTimers();
            Notice(NoticeKind.Escalated, route);
            S = S with { Announced = S.Level };
        }
    }

    private void BrokenAgain()
    {
        var route = policy.Routes.Resolve(S.Level);
        Apply(IncidentCases.Revive(S.Case, send: true, policy, context));
        Apply(IncidentCases.For(S.Case, route, policy, context));
        if (route.Digest)
        {
            _effects.Add(new DigestDue(NoticeKind.Reopened));
        }
        else if (route.NotifiesAtOnce && policy.HasContacts)
        {
            RestartTimers();
            Notice(NoticeKind.Reopened, route);
        }

        S = S with { Announced = S.Level };
    }

    private void SendResolved()
    {
        var route = AnnouncedRoute();
        if (route.Digest)
        {
            _effects.Add(new DigestDue(NoticeKind.Resolved));
        }
        else if (route.NotifiesAtOnce)
        {
            Notice(NoticeKind.Resolved, route);
        }

        if (S.Case is { Phase: CasePhase.Resolved, SubmittedAt: not null })
        {
            _effects.Add(new CaseChanged(CaseUpdate.Resolved, Send: true, Note: false));
        }
    }

    private Route AnnouncedRoute() => policy.Routes.Resolve(S.Announced ?? S.Level);

    private void RestartTimers()
    {
        if (S.Acknowledged)
        {
            return;
        }

        S = S with
        {
            NextReminderAt = policy.RepeatInterval > TimeSpan.Zero ? Now + policy.RepeatInterval : null,
            EscalateAt = policy.EscalateAfter > TimeSpan.Zero && policy.HasLevelTwo && S.EscalationLevel < 2 ? Now + policy.EscalateAfter : null,
        };
    }

    public void Release()
    {
        if (S.Held == HeldNotice.None || context.Held)
        {
            return;
        }

        var held = S.Held;
        S = S with { Held = HeldNotice.None };
        Note("released", $"Notifications no longer held; releasing the {held.ToString().ToLowerInvariant()} notice");
        switch (held)
        {
            case HeldNotice.Opening when S.IsOpen:
                Announce();
                break;
            case HeldNotice.Reopened when S.IsOpen:
                BrokenAgain();
                break;
            case HeldNotice.Resolved when !S.IsOpen:
                SendResolved();
                break;
        }
    }

    public void RemindAndEscalate()
    {
        var reminderDue = S.NextReminderAt <= Now;
        var escalationDue = S.EscalateAt <= Now && S.EscalationLevel < 2;
        if (!S.IsOpen || !(reminderDue || escalationDue) || S.Acknowledged || S.Held != HeldNotice.None || !S.Notified || context.Held)
        {
            return;
        }

        var next = policy.RepeatInterval > TimeSpan.Zero ? Now + policy.RepeatInterval : (DateTimeOffset?)null;
        if (escalationDue)
        {
            S = S with { EscalationLevel = 2, EscalateAt = null, NextReminderAt = next };
            Note("escalated", "Escalated to level 2: not acknowledged in time");
            Notice(NoticeKind.LevelTwo, AnnouncedRoute());
        }
        else
        {
            S = S with { NextReminderAt = next };
            Notice(NoticeKind.Reminder, AnnouncedRoute());
        }
    }

    public void SubmitDueCase() =>
        Apply(IncidentCases.SubmitDue(S.Case, S.IsOpen, S.Acknowledged, S.Held != HeldNotice.None || context.Held, Now));

    private void Apply(CaseStep? step)
    {
        if (step is { } s)
        {
            S = S with { Case = s.Case };
            _effects.Add(s.Change);
        }
    }

    private void Notice(NoticeKind kind, Route route) => _effects.Add(new NoticeDue(kind, route, S.EscalationLevel));

    private void Note(string kind, string text) => _effects.Add(new Noted(kind, text));

    private static string Describe(IncidentAlert a) => $"{a.Rule} on {a.Signal}";
}
