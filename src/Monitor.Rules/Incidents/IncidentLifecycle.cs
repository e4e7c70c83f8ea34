namespace Monitor.Rules.Incidents;

/// <summary>
/// The incident lifecycle as pure functions: an incident's state, one event and the moment's context
/// in; the new state and the effects (timeline lines, messages, case changes) out. Alerts of one
/// problem share an incident; the incident is as bad as its worst counted alert and escalates, in the
/// same thread, when a worse one joins; it has at most one case, which becomes urgent if the incident
/// does; a flap within the reopen window is a new episode of the same incident.
/// </summary>
public static class IncidentLifecycle
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
        IncidentPolicy policy, IncidentContext context) => Fire(open, recent, key, problem, [alert], policy, context);

    /// <summary>
    /// Alerts of one group that started firing at the same moment: they all join first, then people are told
    /// once, at the worst level among them, and the case (if one opens) names them all.
    /// </summary>
    public static IncidentDecision Fire(IncidentState? open, IncidentState? recent, string key, string? problem, IReadOnlyList<IncidentAlert> alerts,
        IncidentPolicy policy, IncidentContext context)
    {
        ArgumentOutOfRangeException.ThrowIfZero(alerts.Count);
        var firing = alerts.Select(a => a with { Firing = true, UpdatedAt = context.Now }).OrderByDescending(a => a.Counts ? a.Level.Rank : -1).ToList();
        IncidentStep step;
        if (open is not null)
        {
            step = new IncidentStep(open, policy, context);
            firing.ForEach(step.Join);
            step.Inform();
            return step.Done();
        }

        var first = firing[0];
        if (recent is { ResolvedAt: { } resolvedAt } && policy.ReopenWindow > TimeSpan.Zero && resolvedAt >= context.Now - policy.ReopenWindow)
        {
            step = new IncidentStep(recent, policy, context);
            step.Reopen(first);
            firing.Skip(1).ToList().ForEach(step.Join);
            step.TellReopened();
            return step.Done();
        }

        var state = new IncidentState
        {
            Key = key,
            Problem = problem,
            Phase = IncidentPhase.Open,
            Level = first.Level,
            Rule = first.Rule,
            Signal = first.Signal,
            Fingerprint = first.Fingerprint,
            Summary = first.Summary,
            OpenedAt = context.Now,
            Since = first.Since == default ? context.Now : first.Since,
            UpdatedAt = context.Now,
            Alerts = [first],
        };
        step = new IncidentStep(state, policy, context);
        step.Open(first);
        firing.Skip(1).ToList().ForEach(step.Join);
        step.Inform();
        return step.Done();
    }

    /// <summary>An alert of the incident stopped firing. The incident resolves with its last counted alert.</summary>
    public static IncidentDecision Resolve(IncidentState open, IncidentAlert alert, IncidentPolicy policy, IncidentContext context)
    {
        var step = new IncidentStep(open, policy, context);
        step.Recover(alert);
        return step.Done();
    }

    /// <summary>An alert of the incident became inhibited while firing: it no longer counts, like a recovery, but stays shown.</summary>
    public static IncidentDecision Inhibit(IncidentState open, IncidentAlert alert, string by, IncidentPolicy policy, IncidentContext context)
    {
        var step = new IncidentStep(open, policy, context);
        step.Quiet(alert, by);
        return step.Done();
    }

    /// <summary>Somebody acknowledged the current episode: reminders and escalation stop.</summary>
    public static IncidentDecision Acknowledge(IncidentState state, string by, string via, string? comment, IncidentPolicy policy, IncidentContext context)
    {
        var step = new IncidentStep(state, policy, context);
        step.Acknowledge(by, via, comment);
        return step.Done();
    }

    /// <summary>Time passed: held notices are released, reminders and escalation fall due, a pending case is submitted.</summary>
    public static IncidentDecision Tick(IncidentState state, IncidentPolicy policy, IncidentContext context)
    {
        var step = new IncidentStep(state, policy, context);
        step.Release();
        step.RemindAndEscalate();
        step.SubmitDueCase();
        return step.Done();
    }
}
