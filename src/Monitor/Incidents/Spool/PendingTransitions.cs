using Monitor.Rules.Alerts;

namespace Monitor.Incidents.Spool;

/// <summary>
/// Transitions the store could not take yet, in order. The rule engine reports a transition once; when the database
/// is unreachable (a PostgreSQL server restarting, a busy SQLite file) the transition waits here and is written by the
/// next write or tick, so an outage delays incidents and e-mails but does not lose them. The transitions that waited
/// through a failed write also go to the <see cref="TransitionSpool"/> on disk, so a restart during the outage does not
/// lose them: on first use the spooled ones go ahead of any new ones, the spool records how many of them the store
/// took (so a restart mid-replay does not replay those), and it is removed once all it held is written.
/// </summary>
internal sealed partial class PendingTransitions(TransitionSpool spool, ILogger<PendingTransitions> logger)
{
    private readonly Queue<AlertTransition> _pending = new();

    // The first _spooled transitions of the queue are in the spool file (or were offered to it when it was full).
    private int _spooled;

    /// <summary>False until the first <see cref="Load"/>: a previous run's spool may still wait to be written.</summary>
    public bool Loaded { get; private set; }

    /// <summary>How many transitions wait for the store.</summary>
    public int Count
    {
        get
        {
            lock (_pending)
            {
                return _pending.Count;
            }
        }
    }

    public void Add(IReadOnlyList<AlertTransition> transitions)
    {
        lock (_pending)
        {
            foreach (var t in transitions)
            {
                _pending.Enqueue(t);
            }
        }
    }

    public bool TryPeek(out AlertTransition transition)
    {
        lock (_pending)
        {
            return _pending.TryPeek(out transition!);
        }
    }

    /// <summary>The transitions at the head of the queue while <paramref name="together"/> holds, left in place.</summary>
    public List<AlertTransition> Head(Func<AlertTransition, bool> together)
    {
        lock (_pending)
        {
            return [.. _pending.TakeWhile(together)];
        }
    }

    /// <summary>Once, before the first write: the transitions a previous run spooled go ahead of any new ones.</summary>
    public void Load()
    {
        if (Loaded)
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

        Loaded = true;
    }

    /// <summary>A write failed: the transitions waiting that are not on disk yet go to the spool, in order.</summary>
    public void Hold(string error)
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

        LogTransitionsHeld(Count, error);
    }

    /// <summary>The first <paramref name="count"/> transitions were written (or dropped for good): they leave the queue and the spool.</summary>
    public void Done(int count)
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The store is unavailable; {Count} alert transitions are held and written when it is back: {Error}")]
    private partial void LogTransitionsHeld(int count, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The transition spool could not be written ({Count} transitions held in memory only): {Error}")]
    private partial void LogSpoolFailed(int count, string error);
}
