using System.Data.Common;
using Monitor.Incidents.Spool;
using Monitor.Rules.Alerts;
using Monitor.Storage;

namespace Monitor.Incidents;

/// <summary>
/// Transitions the store could not take yet. The rule engine reports a transition once; when the database
/// is unreachable (a PostgreSQL server restarting, a busy SQLite file) the transition waits here, in order,
/// and is written by the next <see cref="HandleAsync"/> or tick, so an outage delays incidents and e-mails
/// but does not lose them. Only transient database errors hold a transition; any other error drops it, as
/// retrying would fail the same way for ever. The transitions that waited through a failed write also go to the
/// <see cref="TransitionSpool"/> on disk, so a restart during the outage does not lose them: the first write after
/// start puts the spooled ones ahead of any new ones, the spool records how many of them the store took (so a
/// restart mid-replay does not replay those), and it is removed once all it held is written. A replay of the one
/// transition the store took just before a crash is harmless: a firing alert already in the open incident
/// only joins it, and the outbox's idempotency keys do not send a message twice.
/// </summary>
internal sealed partial class AlertIntake
{
    private readonly Queue<AlertTransition> _pending = new();
    private readonly SemaphoreSlim _pendingGate = new(1, 1);

    // The first _spooled transitions of the queue are in the spool file (or were offered to it when it was full).
    private int _spooled;
    private bool _spoolLoaded;

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
        if (!_spoolLoaded || PendingTransitions > 0)
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
            LoadSpool();
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
                    SpoolHeld();
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

    /// <summary>Once, before the first write: the transitions a previous run spooled go ahead of any new ones.</summary>
    private void LoadSpool()
    {
        if (_spoolLoaded)
        {
            return;
        }

        IReadOnlyList<AlertTransition> loaded;
        try
        {
            loaded = spool.Load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSpoolFailed(0, e.Message);
            loaded = [];
        }

        lock (_pending)
        {
            var newer = _pending.ToList();
            _pending.Clear();
            foreach (var t in loaded.Concat(newer))
            {
                _pending.Enqueue(t);
            }

            _spooled = loaded.Count;
        }

        _spoolLoaded = true;
    }

    /// <summary>A write failed: the transitions waiting that are not on disk yet go to the spool, in order.</summary>
    private void SpoolHeld()
    {
        List<AlertTransition> fresh;
        lock (_pending)
        {
            fresh = [.. _pending.Skip(_spooled)];
            _spooled = _pending.Count;
        }

        if (fresh.Count > 0)
        {
            try
            {
                spool.Append(fresh);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The transitions still wait in memory; only their survival of a restart is lost.
                LogSpoolFailed(fresh.Count, e.Message);
            }
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
        int fromSpool;
        lock (_pending)
        {
            for (var i = 0; i < count; i++)
            {
                _pending.Dequeue();
            }

            fromSpool = Math.Min(count, _spooled);
            _spooled -= fromSpool;
        }

        if (fromSpool > 0 || (_spooled == 0 && spool.Count > 0))
        {
            try
            {
                if (_spooled == 0)
                {
                    spool.Clear();
                }
                else
                {
                    spool.MarkWritten(fromSpool);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogSpoolFailed(0, e.Message);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The transition spool could not be written ({Count} transitions held in memory only): {Error}")]
    private partial void LogSpoolFailed(int count, string error);
}
