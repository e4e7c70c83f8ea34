namespace Monitor.Rules.Incidents;

/// <summary>A case as one change leaves it, with what that change tells the case's readers.</summary>
internal readonly record struct CaseStep(CaseState Case, CaseChanged Change);

/// <summary>
/// The one case of an incident, as pure functions: each takes the case as it is and returns it changed with the
/// change to record, or null when nothing changes. A route may ask for a standard or an urgent case; an incident
/// never has a second one: a standard case becomes urgent, a resolved one is revived by a flap.
/// </summary>
internal static class IncidentCases
{
    /// <summary>Opens the route's case, or makes the one case urgent when the route asks for an urgent one.</summary>
    public static CaseStep? For(CaseState? current, Route route, IncidentPolicy policy, IncidentContext context)
    {
        if (route.Case == CaseKind.None || (route.Case == CaseKind.Standard && !policy.StandardCases))
        {
            return null;
        }

        if (current is null)
        {
            return Open(route.Case, policy, context);
        }

        return route.Case == CaseKind.Urgent && current.Kind == CaseKind.Standard ? MakeUrgent(current, policy, context.Now) : null;
    }

    /// <summary>The incident resolved: a waiting case is cancelled, a sent or drafted one resolved.</summary>
    public static CaseStep? Close(CaseState? current, DateTimeOffset now) => current switch
    {
        { Phase: CasePhase.Pending } c => new(c with { Phase = CasePhase.Cancelled, DueAt = null, UpdatedAt = now }, new CaseChanged(CaseUpdate.Cancelled, Send: false)),
        { Phase: CasePhase.Submitted or CasePhase.Drafted } c => new(c with { Phase = CasePhase.Resolved, ResolvedAt = now, UpdatedAt = now }, new CaseChanged(CaseUpdate.Resolved, Send: false)),
        _ => null,
    };

    /// <summary>A flap brings the same case back: a sent one gets a "broken again" follow-up on its thread when <paramref name="send"/>.</summary>
    public static CaseStep? Revive(CaseState? current, bool send, IncidentPolicy policy, IncidentContext context)
    {
        var now = context.Now;
        switch (current)
        {
            case { Phase: CasePhase.Resolved } c:
                var sent = c.SubmittedAt is not null;
                return new(c with { Phase = sent ? CasePhase.Submitted : CasePhase.Drafted, ResolvedAt = null, UpdatedAt = now },
                    new CaseChanged(CaseUpdate.BrokenAgain, Send: send && sent));
            case { Phase: CasePhase.Submitted } c when send:
                // Revived while held; the follow-up goes out with the released notice.
                return new(c, new CaseChanged(CaseUpdate.BrokenAgain, Send: c.SubmittedAt is not null));
            case { Phase: CasePhase.Cancelled } c:
                var due = c.Kind == CaseKind.Urgent ? now + policy.ConfirmationDelay : context.NextBusinessTime;
                return new(c with { Phase = CasePhase.Pending, DueAt = due, UpdatedAt = now }, new CaseChanged(CaseUpdate.Pending, Send: false));
            default:
                return null;
        }
    }

    /// <summary>
    /// A waiting case whose time has come: submitted, unless the incident is over or an urgent one was acknowledged
    /// (then it is cancelled), or notifications are held (then it waits).
    /// </summary>
    public static CaseStep? SubmitDue(CaseState? current, bool open, bool acknowledged, bool held, DateTimeOffset now)
    {
        if (current is not { Phase: CasePhase.Pending, DueAt: { } due } c || due > now)
        {
            return null;
        }

        if (!open || (c.Kind == CaseKind.Urgent && acknowledged))
        {
            return new(c with { Phase = CasePhase.Cancelled, DueAt = null, UpdatedAt = now }, new CaseChanged(CaseUpdate.Cancelled, Send: false));
        }

        return held ? null : Submit(c, now);
    }

    private static CaseStep Open(CaseKind kind, IncidentPolicy policy, IncidentContext context)
    {
        var now = context.Now;
        var c = new CaseState(0, kind, CasePhase.Pending, now, null, null, null, now);
        if (kind == CaseKind.Urgent)
        {
            c = policy.CaseMode switch
            {
                UrgentCaseMode.Draft => c with { Phase = CasePhase.Drafted },
                UrgentCaseMode.AfterConfirmation when policy.ConfirmationDelay > TimeSpan.Zero => c with { DueAt = now + policy.ConfirmationDelay },
                _ => c with { Phase = CasePhase.Submitted },
            };
        }
        else
        {
            var due = context.NextBusinessTime;
            c = due <= now ? c with { Phase = CasePhase.Submitted } : c with { DueAt = due };
        }

        if (c.Phase == CasePhase.Submitted)
        {
            return Submit(c, now);
        }

        return new(c, new CaseChanged(c.Phase == CasePhase.Drafted ? CaseUpdate.Drafted : CaseUpdate.Pending, Send: false));
    }

    private static CaseStep MakeUrgent(CaseState c, IncidentPolicy policy, DateTimeOffset now)
    {
        var urgent = c with { Kind = CaseKind.Urgent, UpdatedAt = now };
        switch (c.Phase)
        {
            case CasePhase.Pending when policy.CaseMode == UrgentCaseMode.Auto || policy.ConfirmationDelay <= TimeSpan.Zero && policy.CaseMode != UrgentCaseMode.Draft:
                return Submit(urgent, now);
            case CasePhase.Pending when policy.CaseMode == UrgentCaseMode.Draft:
                return new(urgent with { Phase = CasePhase.Drafted, DueAt = null }, new CaseChanged(CaseUpdate.Urgent, Send: false));
            case CasePhase.Pending:
                var due = now + policy.ConfirmationDelay;
                return new(urgent with { DueAt = c.DueAt is { } d && d < due ? d : due }, new CaseChanged(CaseUpdate.Urgent, Send: false));
            case CasePhase.Submitted:
                // Already with support: an urgent follow-up on the case's own thread, never a second case.
                return new(urgent, new CaseChanged(CaseUpdate.Urgent, Send: true));
            default:
                return new(urgent, new CaseChanged(CaseUpdate.Urgent, Send: false));
        }
    }

    private static CaseStep Submit(CaseState c, DateTimeOffset now) =>
        new(c with { Phase = CasePhase.Submitted, SubmittedAt = now, DueAt = null, UpdatedAt = now }, new CaseChanged(CaseUpdate.Submitted, Send: true));
}
