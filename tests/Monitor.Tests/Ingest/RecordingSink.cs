using System.Collections.Concurrent;
using Monitor.Alerting;
using Monitor.Rules.Alerts;

namespace Monitor.Tests.Ingest;

/// <summary>Keeps every transition handed to the sink.</summary>
internal sealed class RecordingSink : IAlertSink
{
    public ConcurrentQueue<AlertTransition> Transitions { get; } = new();

    public Task HandleAsync(IReadOnlyList<AlertTransition> transitions, CancellationToken cancellationToken)
    {
        foreach (var transition in transitions)
        {
            Transitions.Enqueue(transition);
        }

        return Task.CompletedTask;
    }
}
