namespace Monitor.Rules.Incidents;

/// <summary>
/// The incident lifecycle as pure functions: an incident's state, one event and the moment's context
/// in; the new state and the effects (timeline lines, messages, case changes) out. Alerts of one
/// problem share an incident; the incident is as bad as its worst counted alert and escalates, in the
/// same thread, when a worse one joins; it has at most one case, which becomes urgent if the incident
/// does; a flap within the reopen window is a new episode of the same incident.
/// </summary>
public static partial class IncidentLifecycle
{
    /// <summary>An alert of the group <paramref name="key"/> started firing (or stopped being inhibited).</summary>
    /// <param name="open">The group's open incident, if any.</param>
    /// <param name="recent">The group's latest resolved incident, if any (reopened when within the window).</param>
    /// <param name="key">The grouping key.</param>
    /// <param name="problem">The problem's name, or null for an alert on its own.</param>
    /// <param name="alert">The alert, firing.</param>
    /// <param name="policy">Settings.</param>
    /// <param name="context">The moment.</param>
    public static IncidentDecision Fire(IncidentState? open, IncidentState? recent, string key, string? problem, IncidentAlert alert,
        IncidentPolicy policy, IncidentContext context)
    {
        alert = alert with { Firing = true, UpdatedAt = context.Now };
        if (open is not null)
        {
            var join = new Step(open, policy, context);
            join.Join(alert);
            return join.Done();
        }

        if (recent is { ResolvedAt: { } resolvedAt } && policy.ReopenWindow > TimeSpan.Zero && resolvedAt >= context.Now - policy.ReopenWindow)
        {
            var again = new Step(recent, policy, context);
            again.Reopen(alert);
            return again.Done();
        }

        var state = new IncidentState
        {
            Key = key,
            Problem = problem,
            Phase = IncidentPhase.Open,
            Level = alert.Level,
            Rule = alert.Rule,
            Signal = alert.Signal,
            Fingerprint = alert.Fingerprint,
            Summary = alert.Summary,
            OpenedAt = context.Now,
            Since = alert.Since == default ? context.Now : alert.Since,
            UpdatedAt = context.Now,
            Alerts = [alert],
        };
        var step = new Step(state, policy, context);
        step.Open(alert);
        return step.Done();
    }

    /// <summary>An alert of the incident stopped firing. The incident resolves with its last counted alert.</summary>
    public static IncidentDecision Resolve(IncidentState open, IncidentAlert alert, IncidentPolicy policy, IncidentContext context)
    {
        var step = new Step(open, policy, context);
        step.Recover(alert);
        return step.Done();
    }

    /// <summary>An alert of the incident became inhibited while firing: it no longer counts, like a recovery, but stays shown.</summary>
    public static IncidentDecision Inhibit(IncidentState open, IncidentAlert alert, string by, IncidentPolicy policy, IncidentContext context)
    {
        var step = new Step(open, policy, context);
        step.Quiet(alert, by);
        return step.Done();
    }

    /// <summary>Somebody acknowledged the current episode: reminders and escalation stop.</summary>
    public static IncidentDecision Acknowledge(IncidentState state, string by, string via, string? comment, IncidentPolicy policy, IncidentContext context)
    {
        var step = new Step(state, policy, context);
        step.Acknowledge(by, via, comment);
        return step.Done();
    }

    /// <summary>Time passed: held notices are released, reminders and escalation fall due, a pending case is submitted.</summary>
    public static IncidentDecision Tick(IncidentState state, IncidentPolicy policy, IncidentContext context)
    {
        var step = new Step(state, policy, context);
        step.Release();
        step.RemindAndEscalate();
        step.SubmitDueCase();
        return step.Done();
    }
}
