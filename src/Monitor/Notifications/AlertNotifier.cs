using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Metrics;
using Monitor.Notifications.Email;
using Monitor.Rules.Alerts;

namespace Monitor.Notifications;

/// <summary>
/// Tells people about firing and resolved alerts by e-mail: urgent alerts to the emergency contacts
/// (and the technical ones), others to the technical contacts.
/// </summary>
internal sealed partial class AlertNotifier(
    MonitorOptions options, AlertEmailComposer composer, IMailTransport transport, MonitorMetrics metrics, ILogger<AlertNotifier> logger) : IAlertSink
{
    public async Task HandleAsync(IReadOnlyList<AlertTransition> transitions, CancellationToken cancellationToken)
    {
        foreach (var transition in transitions)
        {
            if (transition.Kind is not (TransitionKind.Firing or TransitionKind.Resolved) || transition.Severity == Severity.Info)
            {
                continue;
            }

            var recipients = Recipients(transition);
            if (recipients.Count == 0)
            {
                continue;
            }

            var message = composer.Compose(transition, recipients);
            try
            {
                await transport.SendAsync(message, cancellationToken);
                metrics.Notifications.WithLabels(transport.Name, "sent").Inc();
                LogSent(transition.Rule, transition.Kind, recipients.Count, transport.Name);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                metrics.Notifications.WithLabels(transport.Name, "failed").Inc();
                LogFailed(e, transition.Rule, transition.Kind, transport.Name);
            }
        }
    }

    private List<string> Recipients(AlertTransition transition)
    {
        var list = transition.IsUrgent
            ? options.Contacts.Emergency.Concat(options.Contacts.Technical)
            : options.Contacts.Technical.Count > 0 ? options.Contacts.Technical : options.Contacts.Emergency;
        return [.. list.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notified {Count} recipients of {Rule} {Kind} via {Channel}")]
    private partial void LogSent(string rule, TransitionKind kind, int count, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not notify of {Rule} {Kind} via {Channel}")]
    private partial void LogFailed(Exception exception, string rule, TransitionKind kind, string channel);
}
