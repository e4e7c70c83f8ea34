using System.Data.Common;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Incidents;

/// <summary>
/// Transitions the store could not take yet. The rule engine reports a transition once; when the database
/// is unreachable (a PostgreSQL server restarting, a busy SQLite file) the transition waits here, in order,
/// and is written by the next <see cref="HandleAsync"/> or tick, so an outage delays incidents and e-mails
/// but does not lose them. Only transient database errors hold a transition; any other error drops it, as
/// retrying would fail the same way for ever.
/// </summary>
internal sealed partial class AlertIntake
{
    private readonly Queue<AlertTransition> _pending = new();
    private readonly SemaphoreSlim _pendingGate = new(1, 1);

    /// <summary>How many transitions wait for the store.</summary>
    public int PendingTransitions
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Writes the transitions that wait for the store, if any.</summary>
    public async Task FlushPendingAsync(CancellationToken cancellationToken)
    {
        if (PendingTransitions > 0)
        {
            await WritePendingAsync(cancellationToken);
            signal.Notify();
        }
    }

    private async Task WritePendingAsync(CancellationToken cancellationToken)
    {
        await _pendingGate.WaitAsync(cancellationToken);
        try
        {
            while (TryPeek(out var t))
            {
                var taken = 1;
                try
                {
                    if (t.Kind == TransitionKind.Firing)
                    {
                        var together = SameMoment(t);
                        taken = together.Count;
                        await store.WriteAsync(tx => OnFiring(tx, together), cancellationToken);
                    }
                    else if (t.Kind == TransitionKind.Resolved)
                    {
                        await store.WriteAsync(tx => OnResolved(tx, t), cancellationToken);
                    }
                }
                catch (DbException e) when (e.IsTransient)
                {
                    LogTransitionsHeld(PendingTransitions, e.Message);
                    throw;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Dequeue(taken);
                    throw;
                }

                Dequeue(taken);
            }
        }
        finally
        {
            _pendingGate.Release();
        }
    }

    private void Enqueue(IReadOnlyList<AlertTransition> transitions)
    {
        lock (_pending)
        {
            foreach (var t in transitions)
            {
                _pending.Enqueue(t);
            }
        }
    }

    private bool TryPeek(out AlertTransition transition)
    {
        lock (_pending)
        {
            return _pending.TryPeek(out transition!);
        }
    }

    private void Dequeue(int count)
    {
        lock (_pending)
        {
            for (var i = 0; i < count; i++)
            {
                _pending.Dequeue();
            }
        }
    }

    /// <summary>The firing transitions at the head of the queue that share the first one's moment and group: they open one incident together.</summary>
    private List<AlertTransition> SameMoment(AlertTransition first)
    {
        var key = settings.Key(settings.Labels(first.Rule, first.Signal, first.Severity, first.Category), first.Fingerprint);
        lock (_pending)
        {
            return [.. _pending.TakeWhile(t => t.Kind == TransitionKind.Firing && t.At == first.At
                && settings.Key(settings.Labels(t.Rule, t.Signal, t.Severity, t.Category), t.Fingerprint) == key)];
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The store is unavailable; {Count} alert transitions are held and written when it is back: {Error}")]
    private partial void LogTransitionsHeld(int count, string error);
}
