using Monitor.Rules.Alerts;

namespace Monitor.Alerting;

/// <summary>Receives alert transitions, in order, once each. The next step of the flow (incidents, notifications).</summary>
internal interface IAlertSink
{
    Task HandleAsync(IReadOnlyList<AlertTransition> transitions, CancellationToken cancellationToken);
}
