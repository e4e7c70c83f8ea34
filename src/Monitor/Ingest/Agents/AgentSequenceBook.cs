using Monitor.Storage;

namespace Monitor.Ingest.Agents;

/// <summary>
/// Per location, the agent spool the central takes results from and the highest sequence number it has taken,
/// kept in the store so that a restarted central, or the standby that takes over on the same database, answers a
/// resent result as a duplicate. Read from the store once, then written through (not durable: a daemon crash keeps
/// it, a power cut of the database machine may not) before the report is answered. While the store does not answer
/// the marks live in memory and are written with the next report. Callers serialise their calls.
/// </summary>
internal sealed partial class AgentSequenceBook(IMonitorStore store, TimeProvider time, ILogger<AgentSequenceBook> logger)
{
    /// <summary>How long a report waits for the store before it is answered with the mark kept in memory only.</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, AgentSequence> _marks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unsaved = new(StringComparer.Ordinal);
    private bool _loaded;

    /// <summary>The location's mark, or null when the central has taken nothing from it (or the store cannot say yet).</summary>
    public async Task<AgentSequence?> GetAsync(string location)
    {
        if (!_loaded)
        {
            try
            {
                var stored = await Task.Run(() => store.ReadAsync(tx => tx.AgentSequences.All())).WaitAsync(StoreTimeout);
                foreach (var mark in stored)
                {
                    // A mark this run moved while the store was away is the newer one.
                    _marks.TryAdd(mark.Location, mark);
                }

                _loaded = true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogStoreUnavailable("read", e.GetBaseException().Message);
            }
        }

        return _marks.TryGetValue(location, out var found) ? found : null;
    }

    /// <summary>Sets the location's mark and writes every mark not yet written.</summary>
    public async Task SaveAsync(AgentSequence mark)
    {
        _marks[mark.Location] = mark;
        _unsaved.Add(mark.Location);
        var pending = _unsaved.Select(l => _marks[l]).ToList();
        var now = time.GetUtcNow();
        try
        {
            await Task.Run(() => store.WriteAsync(tx =>
            {
                foreach (var item in pending)
                {
                    tx.AgentSequences.Save(item, now);
                }

                return 0;
            }, CancellationToken.None, durable: false)).WaitAsync(StoreTimeout);
            _unsaved.Clear();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStoreUnavailable("write", e.GetBaseException().Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent sequence numbers: the store did not {Operation} ({Reason}); kept in memory until it answers")]
    private partial void LogStoreUnavailable(string operation, string reason);
}
