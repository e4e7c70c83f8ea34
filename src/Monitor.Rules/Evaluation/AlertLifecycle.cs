using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;

namespace Monitor.Rules.Evaluation;

/// <summary>
/// The alert state machine: inactive -> pending (condition holds) -> firing (held for <c>for</c>) ->
/// resolved (has not held for <c>keep_firing_for</c>) -> inactive. A pending alert whose condition stops
/// holding is cancelled. A firing alert with nothing to judge (an empty window: the daemon just restarted, or the
/// traffic stopped, as it does when Google pauses a failing integration) keeps firing: only figures that show the
/// recovery resolve it. A clock that goes backwards never fires or resolves early: the elapsed time
/// is then negative.
/// </summary>
internal static class AlertLifecycle
{
    /// <param name="rule">The rule.</param>
    /// <param name="alert">The series' alert, changed in place.</param>
    /// <param name="active">Whether the condition holds now.</param>
    /// <param name="now">The evaluation time.</param>
    /// <param name="noData">The condition had nothing to judge: a firing alert then stays as it is.</param>
    public static TransitionKind? Step(AlertRule rule, AlertSeries alert, bool active, DateTimeOffset now, bool noData = false)
    {
        switch (alert.State)
        {
            case AlertState.Inactive when active:
                alert.ActiveSince = now;
                alert.LastActive = now;
                if (rule.For <= TimeSpan.Zero)
                {
                    alert.State = AlertState.Firing;
                    return TransitionKind.Firing;
                }

                alert.State = AlertState.Pending;
                return TransitionKind.Pending;
            case AlertState.Pending when active:
                alert.LastActive = now;
                if (now - alert.ActiveSince >= rule.For)
                {
                    alert.State = AlertState.Firing;
                    return TransitionKind.Firing;
                }

                return null;
            case AlertState.Pending:
                alert.State = AlertState.Inactive;
                return TransitionKind.Cancelled;
            case AlertState.Firing when active:
                if (now > alert.LastActive)
                {
                    alert.LastActive = now;
                }

                return null;
            case AlertState.Firing when noData && rule.NoData == NoDataPolicy.Keep:
                return null;
            case AlertState.Firing when now - alert.LastActive >= rule.KeepFiringFor:
                alert.State = AlertState.Inactive;
                return TransitionKind.Resolved;
            default:
                return null;
        }
    }
}
